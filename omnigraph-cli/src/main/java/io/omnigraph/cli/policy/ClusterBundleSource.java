package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliException;
import io.omnigraph.cluster.layout.ClusterGraphResolver;
import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bundles from a cluster's serving snapshot (spec §5.5): {@code --cluster DIR|URI|NAME [--graph G]}. With a graph:
 * the unique bundle bound to {@code graph.G} (falling back to the {@code cluster} bundle); without: the sole applied
 * bundle. The bundle is digest-verified from the catalog, exactly what a server would load.
 */
public record ClusterBundleSource(String cluster, Map<String, String> namedClusters) implements BundleSource {

    @Override
    public SelectedBundle select(Optional<String> graph) {
        String root;
        try {
            root = new ClusterGraphResolver(n -> Optional.ofNullable(namedClusters.get(n)), ObjectStores::open).storageRoot(cluster);
        } catch (ClusterGraphResolver.ResolutionException e) {
            throw new CliException(e.code(), e.getMessage());
        }
        ServingSnapshot snap;
        try (ObjectStore store = ObjectStores.open(root)) {
            snap = ServingSnapshot.read(store);
        } catch (StoreException e) {
            throw new CliException("storage_root_invalid", "cannot open cluster storage `" + root + "`: " + e.getMessage());
        }
        if (!snap.servable()) {
            throw new CliException("cluster_not_servable", snap.refusal(cluster));
        }
        Map<String, ServingSnapshot.PolicyPayload> all = new LinkedHashMap<>();
        snap.serverPolicy().ifPresent(p -> all.put(p.name(), p));
        snap.graphs().forEach(g -> g.policy().ifPresent(p -> all.put(p.name(), p)));
        ServingSnapshot.PolicyPayload chosen;
        if (graph.isPresent()) {
            Optional<ServingSnapshot.ServedGraph> g = snap.graphs().stream().filter(x -> x.id().equals(graph.get())).findFirst();
            if (g.isEmpty()) {
                throw new CliException("graph_not_applied", "graph `" + graph.get() + "` is not served by cluster `" + cluster
                        + "` (served graphs: " + snap.graphs().stream().map(ServingSnapshot.ServedGraph::id).toList() + ")");
            }
            Optional<ServingSnapshot.PolicyPayload> p = g.get().policy().or(snap::serverPolicy);
            if (p.isEmpty()) {
                return new SelectedBundle(Optional.empty(), graph.get(), "cluster " + cluster + " (no bundle bound to graph."
                        + graph.get() + ")", Optional.empty());
            }
            chosen = p.get();
        } else {
            List<String> names = new ArrayList<>(all.keySet());
            if (names.size() != 1) {
                throw new CliException("policy_bundle_ambiguous", "cluster `" + cluster + "` has " + names.size()
                        + " applied policy bundle(s) " + names + "; pass --graph <id> to select one");
            }
            chosen = all.get(names.getFirst());
        }
        try {
            PolicyBundle bundle = PolicyBundle.parse(chosen.source(), chosen.name() + ".policy.yaml", chosen.name());
            return new SelectedBundle(Optional.of(bundle), graph.orElse(FileBundleSource.DEFAULT_GRAPH),
                    "cluster " + cluster + " policy." + chosen.name(), Optional.of(chosen.digest()));
        } catch (PolicyValidationException e) {
            throw new InvalidBundleException("policy bundle 'policy." + chosen.name() + "'", e);
        }
    }
}
