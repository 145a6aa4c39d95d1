package io.omnigraph.cluster.state;

import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.util.Optional;

/**
 * Reads and compare-and-swap-writes {@code __cluster/state.json} (spec §2.2). A write succeeds only if the bytes in
 * the store still hash to the CAS token of the read the command started from, and then only through a conditional
 * write ({@code putIfAbsent} / {@code putIfMatch}), so two writers can never both win — on local disk and on S3.
 */
public final class StateStore {
    private final ObjectStore store;
    private final String display;

    public StateStore(ObjectStore store, String displayRoot) {
        this.store = store;
        this.display = displayRoot;
    }

    public String statePath() {
        return display + "/" + ClusterLayout.STATE_KEY;
    }

    /** What a read found. {@code cas} is {@code "absent"} or {@code sha256:<hex>} of the exact bytes. */
    public record Read(Optional<ClusterState> state, Optional<String> version, String cas,
                       Optional<ClusterDiagnostic> failure) {
        public boolean found() {
            return state.isPresent();
        }

        public boolean failed() {
            return failure.isPresent();
        }
    }

    public Read read() {
        Optional<StoredObject> obj;
        try {
            obj = store.get(ClusterLayout.STATE_KEY);
        } catch (StoreException e) {
            return new Read(Optional.empty(), Optional.empty(), "absent", Optional.of(ClusterDiagnostic.error(
                    ClusterCode.STATE_READ_ERROR, statePath(), "cannot read state.json: " + e.getMessage())));
        }
        if (obj.isEmpty()) {
            return new Read(Optional.empty(), Optional.empty(), "absent", Optional.empty());
        }
        byte[] bytes = obj.get().bytes();
        String cas = CanonicalJson.casToken(bytes);
        try {
            return new Read(Optional.of(ClusterState.parse(bytes)), Optional.of(obj.get().version()), cas, Optional.empty());
        } catch (StateFormatException e) {
            return new Read(Optional.empty(), Optional.of(obj.get().version()), cas, Optional.of(
                    ClusterDiagnostic.error(e.code(), statePath(), e.getMessage())));
        }
    }

    /** The outcome of a CAS write: the new CAS token, or the failure diagnostic. */
    public record Write(Optional<String> cas, Optional<ClusterDiagnostic> failure) {
        public boolean ok() {
            return cas.isPresent();
        }
    }

    /** Writes {@code state} if the stored bytes still match {@code expectedCas} ({@code "absent"} = must not exist). */
    public Write write(ClusterState state, String expectedCas) {
        byte[] bytes = state.toBytes();
        try {
            Optional<StoredObject> current = store.get(ClusterLayout.STATE_KEY);
            String currentCas = current.map(o -> CanonicalJson.casToken(o.bytes())).orElse("absent");
            if (!currentCas.equals(expectedCas)) {
                return mismatch();
            }
            if (current.isEmpty()) {
                store.putIfAbsent(ClusterLayout.STATE_KEY, bytes);
            } else {
                store.putIfMatch(ClusterLayout.STATE_KEY, bytes, current.get().version());
            }
            return new Write(Optional.of(CanonicalJson.casToken(bytes)), Optional.empty());
        } catch (StoreException.PreconditionFailed e) {
            // a lost condition, or our own write whose answer was lost: compare bytes once
            try {
                Optional<StoredObject> now = store.get(ClusterLayout.STATE_KEY);
                if (now.isPresent() && java.util.Arrays.equals(now.get().bytes(), bytes)) {
                    return new Write(Optional.of(CanonicalJson.casToken(bytes)), Optional.empty());
                }
            } catch (StoreException ignored) {
                // fall through to the mismatch
            }
            return mismatch();
        } catch (StoreException e) {
            return new Write(Optional.empty(), Optional.of(ClusterDiagnostic.error(ClusterCode.STATE_WRITE_ERROR,
                    statePath(), "cannot write state.json: " + e.getMessage() + "; nothing was recorded, re-run the command")));
        }
    }

    private Write mismatch() {
        return new Write(Optional.empty(), Optional.of(ClusterDiagnostic.error(ClusterCode.STATE_CAS_MISMATCH, statePath(),
                "state.json changed while the command was running; re-run")));
    }
}
