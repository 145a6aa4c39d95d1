package io.omnigraph.cluster.approval;

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

/** Loading approval artifacts (never deleted; unusable ones produce warnings and are ignored). */
public final class Approvals {
    private Approvals() {
    }

    /** Approvals in filename (= ULID) order and the problems found. */
    public record Listing(List<Approval> approvals, List<ClusterDiagnostic> problems) {
    }

    public static Listing load(ObjectStore store, String displayRoot) {
        List<Approval> out = new ArrayList<>();
        List<ClusterDiagnostic> problems = new ArrayList<>();
        List<ObjectInfo> infos;
        try {
            infos = store.list(ClusterLayout.APPROVALS_PREFIX);
        } catch (StoreException e) {
            problems.add(ClusterDiagnostic.warning(ClusterCode.APPROVAL_READ_ERROR, displayRoot + "/" + ClusterLayout.APPROVALS_PREFIX,
                    "cannot list approvals: " + e.getMessage()));
            return new Listing(out, problems);
        }
        for (ObjectInfo i : infos) {
            if (!i.key().endsWith(".json")) {
                continue;
            }
            String path = displayRoot + "/" + i.key();
            try {
                Optional<StoredObject> o = store.get(i.key());
                if (o.isPresent()) {
                    out.add(Approval.parse(o.get().bytes()));
                }
            } catch (StoreException e) {
                problems.add(ClusterDiagnostic.warning(ClusterCode.INVALID_APPROVAL_ARTIFACT, path, "cannot read approval: " + e.getMessage()));
            } catch (Approval.Invalid e) {
                problems.add(ClusterDiagnostic.warning(e.code(), path, "ignored approval artifact: " + e.getMessage()));
            }
        }
        return new Listing(out, problems);
    }
}
