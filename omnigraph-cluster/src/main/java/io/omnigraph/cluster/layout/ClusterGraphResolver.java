package io.omnigraph.cluster.layout;

import io.omnigraph.cluster.config.ConfigLoader;
import io.omnigraph.cluster.state.ClusterState;
import io.omnigraph.cluster.state.StateStore;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maintenance addressing (spec §6.3, seed §7): {@code --cluster DIR|URI|NAME [--graph ID]} → the storage URI of an
 * applied graph. Reads only the ledger ({@code state.json}) — no catalog verification, no sweep, no lock — so it works
 * on a degraded cluster. A graph that is declared but not yet applied is not resolvable.
 */
public final class ClusterGraphResolver {
    private final Function<String, Optional<String>> namedClusters;
    private final Function<String, ObjectStore> opener;

    /**
     * @param namedClusters {@code clusters:} of the operator config: name → storage root
     * @param opener        opens a storage root location
     */
    public ClusterGraphResolver(Function<String, Optional<String>> namedClusters, Function<String, ObjectStore> opener) {
        this.namedClusters = namedClusters;
        this.opener = opener;
    }

    /** A resolved maintenance target. */
    public record Target(String clusterArg, String storageRoot, String graphId, String graphUri) {
    }

    /** Resolution failed; {@link #code()} is stable ({@code cluster_not_found}, {@code cluster_state_missing}, …). */
    public static final class ResolutionException extends Exception {
        private final String code;

        public ResolutionException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The storage root a {@code --cluster} argument names. */
    public String storageRoot(String clusterArg) throws ResolutionException {
        Optional<String> named = clusterArg.contains("://") || clusterArg.contains("/") ? Optional.empty()
                : namedClusters.apply(clusterArg);
        if (named.isPresent()) {
            return named.get();
        }
        if (clusterArg.contains("://")) {
            return clusterArg;
        }
        Path dir = Path.of(clusterArg);
        if (!Files.isDirectory(dir)) {
            throw new ResolutionException("cluster_not_found", "cluster `" + clusterArg + "` is not a directory, a storage"
                    + " URI (s3://…) or a `clusters:` name from ~/.omnigraph/config.yaml");
        }
        // the config dir's cluster.yaml is read only to find `storage:`; parse problems fall back to the dir itself
        ConfigLoader.HeaderResult h = ConfigLoader.header(dir);
        return h.header().map(x -> x.storageLocation()).orElse(dir.toAbsolutePath().normalize().toString());
    }

    public Target resolve(String clusterArg, Optional<String> graph) throws ResolutionException {
        String root = storageRoot(clusterArg);
        ClusterState st;
        try (ObjectStore store = opener.apply(root)) {
            StateStore.Read read = new StateStore(store, store.location()).read();
            if (read.failed()) {
                throw new ResolutionException(read.failure().get().code().code(), "cluster `" + clusterArg
                        + "` has an unreadable ledger: " + read.failure().get().message());
            }
            if (read.state().isEmpty()) {
                throw new ResolutionException("cluster_state_missing", "cluster `" + clusterArg
                        + "` has no applied state; run `cluster apply` first");
            }
            st = read.state().get();
            List<String> applied = st.resources().keySet().stream().filter(a -> a.startsWith("graph."))
                    .map(a -> a.substring(6)).sorted().toList();
            String id;
            if (graph.isPresent()) {
                id = graph.get();
                if (!applied.contains(id)) {
                    throw new ResolutionException("graph_not_applied", "graph `" + id + "` is not applied in cluster `"
                            + clusterArg + "` (applied graphs: " + applied + "); declare it in cluster.yaml and run `cluster apply`");
                }
            } else if (applied.isEmpty()) {
                throw new ResolutionException("graph_not_applied", "cluster `" + clusterArg
                        + "` has no applied graphs; run `cluster apply` first");
            } else if (applied.size() > 1) {
                throw new ResolutionException("graph_ambiguous", "cluster `" + clusterArg + "` has " + applied.size()
                        + " graphs: " + applied + "; pass --graph <id> to select one");
            } else {
                id = applied.getFirst();
            }
            return new Target(clusterArg, store.location(), id, ClusterLayout.graphUri(store.location(), id));
        } catch (StoreException e) {
            throw new ResolutionException("storage_root_invalid", "cannot open cluster storage `" + root + "`: " + e.getMessage());
        }
    }
}
