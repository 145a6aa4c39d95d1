package io.omnigraph.testkit.storage;

import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;
import io.omnigraph.storage.local.LocalObjectStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM in {@link LocalObjectStoreMultiProcessTest}: races other workers on one local store root.
 * Arguments: root, worker id, number of create-if-absent keys, CAS increments, go-file. Prints one line per outcome.
 */
public final class LocalRaceWorker {
    private LocalRaceWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String id = args[1];
        int keys = Integer.parseInt(args[2]);
        int increments = Integer.parseInt(args[3]);
        Path go = Path.of(args[4]);
        LocalObjectStore store = new LocalObjectStore(root);
        store.head("warm-up"); // load classes before the start signal
        System.out.println("READY " + id);
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                System.out.println("TIMEOUT waiting for " + go);
                System.exit(3);
            }
            Thread.onSpinWait();
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            try {
                store.putIfAbsent("race/key-" + k, (id + "\n").getBytes(StandardCharsets.UTF_8));
                out.append("WON key-").append(k).append('\n');
            } catch (StoreException.PreconditionFailed e) {
                out.append("LOST key-").append(k).append('\n');
            }
        }
        int done = 0;
        while (done < increments) {
            StoredObject cur = store.get("race/counter").orElseThrow();
            int next = Integer.parseInt(cur.utf8().trim()) + 1;
            try {
                store.putIfMatch("race/counter", Integer.toString(next).getBytes(StandardCharsets.UTF_8),
                        cur.version());
                out.append("WROTE ").append(next).append('\n');
                done++;
            } catch (StoreException.PreconditionFailed e) {
                // another process moved it: read again
            }
        }
        System.out.print(out);
        System.out.println("DONE " + id);
        System.out.flush();
    }
}
