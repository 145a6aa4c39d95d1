package io.omnigraph.cluster.recovery;

import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists, writes and deletes recovery sidecars. */
public final class Sidecars {
    private Sidecars() {
    }

    /** A valid sidecar and its key. */
    public record Entry(String key, Sidecar sidecar) {
    }

    /** Valid sidecars in filename (= ULID) order, plus warnings for the unusable ones (left in place). */
    public record Listing(List<Entry> entries, List<ClusterDiagnostic> problems) {
    }

    public static Listing list(ObjectStore store, String displayRoot) {
        List<Entry> entries = new ArrayList<>();
        List<ClusterDiagnostic> problems = new ArrayList<>();
        List<ObjectInfo> infos;
        try {
            infos = store.list(ClusterLayout.RECOVERIES_PREFIX);
        } catch (StoreException e) {
            problems.add(ClusterDiagnostic.warning(ClusterCode.RECOVERY_SIDECAR_READ_ERROR, displayRoot + "/"
                    + ClusterLayout.RECOVERIES_PREFIX, "cannot list recovery sidecars: " + e.getMessage()));
            return new Listing(entries, problems);
        }
        for (ObjectInfo info : infos) {
            if (!info.key().endsWith(".json")) {
                continue;
            }
            String path = displayRoot + "/" + info.key();
            try {
                Optional<StoredObject> o = store.get(info.key());
                if (o.isEmpty()) {
                    continue;
                }
                entries.add(new Entry(info.key(), Sidecar.parse(o.get().bytes())));
            } catch (StoreException e) {
                problems.add(ClusterDiagnostic.warning(ClusterCode.INVALID_RECOVERY_SIDECAR, path,
                        "cannot read recovery sidecar: " + e.getMessage()));
            } catch (Sidecar.Invalid e) {
                problems.add(ClusterDiagnostic.warning(e.code(), path, "unusable recovery sidecar (" + e.getMessage()
                        + "); it is left in place — inspect it, then remove it by hand"));
            }
        }
        return new Listing(entries, problems);
    }

    public static String write(ObjectStore store, Sidecar s) {
        String key = ClusterLayout.sidecarKey(s.operationId());
        store.put(key, s.toBytes());
        return key;
    }
}
