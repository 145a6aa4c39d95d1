package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StorageErrorCode;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;
import io.omnigraph.storage.local.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalObjectStoreContractTest extends ObjectStoreContract {
    @TempDir
    Path tmp;
    private final AtomicInteger stores = new AtomicInteger();
    private Path root;

    @Override
    protected ObjectStore newStore() {
        root = tmp.resolve("store-" + stores.incrementAndGet());
        return new LocalObjectStore(root);
    }

    @Test
    void objectsArePlainFilesAtTheirKeys() throws Exception {
        store.put("refs/branches/main.json", utf8("{\"head\":\"c1\"}"));
        Path file = root.resolve("refs/branches/main.json");
        assertThat(Files.readString(file)).isEqualTo("{\"head\":\"c1\"}");
        Files.writeString(root.resolve("refs/branches/hand-made.json"), "by an operator");
        assertThat(store.get("refs/branches/hand-made.json").orElseThrow().utf8()).isEqualTo("by an operator");
        assertThat(store.location()).isEqualTo(root.toString());
        assertThat(store.isLocal()).isTrue();
    }

    @Test
    void bookkeepingFilesNeverShowInListings() throws Exception {
        store.put("a/b.json", utf8("b"));
        store.putIfMatch("a/b.json", utf8("c"), store.head("a/b.json").orElseThrow().version());
        store.delete("a/missing");
        // a crash leaves a temp file behind; a nested store leaves its own scratch dir inside ours
        Files.writeString(root.resolve(".omnigraph-tmp/deadbeef.tmp"), "half-written");
        new LocalObjectStore(root.resolve("nested")).put("x", utf8("x"));
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(".omnigraph-tmp", ".omnigraph-lock");
        }
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/b.json", "nested/x");
    }

    @Test
    void emptyDirectoriesAreIgnored() throws Exception {
        store.put("t/one/x", utf8("x"));
        store.delete("t/one/x");
        Files.createDirectories(root.resolve("t/empty/deeper"));
        assertThat(store.list("")).isEmpty();
        assertThat(store.list("t/")).isEmpty();
        store.put("t/one/y", utf8("y"));
        assertThat(store.list("t")).extracting(ObjectInfo::key).containsExactly("t/one/y");
    }

    @Test
    void aMissingRootReadsAsEmptyAndIsCreatedOnFirstWrite() {
        Path fresh = tmp.resolve("not/yet/there");
        LocalObjectStore s = new LocalObjectStore(fresh);
        assertThat(s.get("k")).isEmpty();
        assertThat(s.list("")).isEmpty();
        s.delete("k");
        assertThatThrownBy(() -> s.putIfMatch("k", utf8("v"), "x")).isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(Files.exists(fresh)).isFalse();
        s.put("k", utf8("v"));
        assertThat(Files.isDirectory(fresh)).isTrue();
    }

    @Test
    void aRootThatIsAFileIsAConfigurationError() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> new LocalObjectStore(file))
                .isInstanceOf(StoreException.Configuration.class)
                .hasMessageContaining("not a directory")
                .extracting(t -> ((StoreException) t).code()).isEqualTo(StorageErrorCode.INVALID_LOCATION);
    }

    @Test
    void anObjectCannotAlsoBeADirectory() {
        store.put("a/b", utf8("object"));
        assertThatThrownBy(() -> store.put("a/b/c", utf8("below an object")))
                .isInstanceOf(StoreException.Permanent.class)
                .hasMessageContaining("'a/b' is an object");
        assertThatThrownBy(() -> store.putIfAbsent("a", utf8("above objects")))
                .isInstanceOf(StoreException.Permanent.class)
                .hasMessageContaining("objects already exist below 'a/'");
        assertThatThrownBy(() -> store.put("a", utf8("above objects")))
                .isInstanceOf(StoreException.Permanent.class);
        assertThat(store.get("a")).as("a directory is not an object").isEmpty();
        assertThat(store.head("a")).isEmpty();
        assertThat(store.get("a/b/c")).isEmpty();
        store.delete("a"); // deleting a "directory" key is a no-op, like a missing key
        assertThat(store.get("a/b").orElseThrow().utf8()).isEqualTo("object");
    }

    @Test
    void versionsAreContentHashes() {
        String v1 = store.put("h/one", utf8("same bytes"));
        String v2 = store.put("h/two", utf8("same bytes"));
        assertThat(v1).isEqualTo(v2).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(new LocalObjectStore(root).head("h/one").orElseThrow().version())
                .as("a second store (another process) computes the same token").isEqualTo(v1);
    }

    @Test
    void headAndListSeeFilesReplacedBehindTheStoresBack() throws Exception {
        store.put("ext", utf8("first"));
        String v1 = store.head("ext").orElseThrow().version();
        Path tmpFile = Files.writeString(tmp.resolve("replacement"), "second, longer");
        Files.move(tmpFile, root.resolve("ext"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ObjectInfo after = store.head("ext").orElseThrow();
        StoredObject got = store.get("ext").orElseThrow();
        assertThat(after.version()).isNotEqualTo(v1).isEqualTo(got.version());
        assertThat(store.list("")).singleElement().extracting(ObjectInfo::version).isEqualTo(got.version());
    }

    @Test
    void storesAtNestedRootsShareObjectsAndCompareAndSwap() throws Exception {
        LocalObjectStore outer = new LocalObjectStore(root);
        LocalObjectStore graph = (LocalObjectStore) ObjectStores.open(root.resolve("graphs/a.omni").toString());
        graph.put("counter", utf8("0"));
        assertThat(outer.get("graphs/a.omni/counter").orElseThrow().utf8()).isEqualTo("0");
        int threads = 6;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ObjectStore via = t % 2 == 0 ? graph : outer;
                String key = t % 2 == 0 ? "counter" : "graphs/a.omni/counter";
                futures.add(pool.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    while (mine.size() < each) {
                        StoredObject cur = via.get(key).orElseThrow();
                        int next = Integer.parseInt(cur.utf8()) + 1;
                        try {
                            via.putIfMatch(key, utf8(Integer.toString(next)), cur.version());
                            mine.add(next);
                        } catch (StoreException.PreconditionFailed e) {
                            // retry
                        }
                    }
                    return mine;
                }));
            }
            Set<Integer> seen = new HashSet<>();
            for (Future<List<Integer>> f : futures) {
                for (int v : f.get(60, TimeUnit.SECONDS)) {
                    assertThat(seen.add(v)).as("duplicate winner for %d", v).isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outer.get("graphs/a.omni/counter").orElseThrow().utf8()).isEqualTo(Integer.toString(threads * each));
    }

    @Test
    void unsyncedStoreKeepsTheSameSemantics() {
        LocalObjectStore fast = new LocalObjectStore(root, false);
        String v = fast.putIfAbsent("k", "v".getBytes(StandardCharsets.UTF_8));
        fast.putIfMatch("k", "w".getBytes(StandardCharsets.UTF_8), v);
        assertThatThrownBy(() -> fast.putIfMatch("k", "x".getBytes(StandardCharsets.UTF_8), v))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(store.get("k").orElseThrow().utf8()).isEqualTo("w");
    }
}
