package io.omnigraph.cluster.state;

import io.omnigraph.cluster.config.Addresses;
import io.omnigraph.cluster.config.Digests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Computations over the ledger's own components (authority check, composite recomputation, tombstones). */
public final class LedgerMath {
    private LedgerMath() {
    }

    /** The graph composite recomputed from the ledger's schema/query/provider digests and stored blob policy. */
    public static String composite(ClusterState s, String graph) {
        SortedMap<String, String> queries = new TreeMap<>();
        String prefix = "query." + graph + ".";
        for (Map.Entry<String, LedgerResource> e : s.resources().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                queries.put(e.getKey().substring(prefix.length()), e.getValue().digest());
            }
        }
        LedgerResource g = s.resources().get(Addresses.graph(graph));
        Optional<String> provider = g == null ? Optional.empty() : g.embeddingProvider();
        String providerDigest = provider.flatMap(s::digest).orElse("");
        return Digests.graphComposite(graph, s.digest(Addresses.schema(graph)).orElse(""), queries, provider,
                providerDigest, g == null ? Optional.empty() : g.externalBlobPolicy());
    }

    /** Graph ids present in the ledger ({@code graph.<id>} entries). */
    public static List<String> graphs(ClusterState s) {
        List<String> out = new ArrayList<>();
        s.resources().keySet().stream().filter(a -> a.startsWith("graph.")).forEach(a -> out.add(a.substring(6)));
        return out;
    }

    /** Graph ids whose ledger composite does not match its own components. */
    public static List<String> authorityViolations(ClusterState s) {
        return graphs(s).stream().filter(g -> !composite(s, g).equals(s.digest(Addresses.graph(g)).orElse(""))).toList();
    }

    /** Removes the graph's subtree (graph, schema, queries) from resources and statuses. */
    public static void removeSubtree(ClusterState s, String graph) {
        List<String> drop = new ArrayList<>();
        for (String a : s.resources().keySet()) {
            if (Addresses.graphOf(a).filter(graph::equals).isPresent()) {
                drop.add(a);
            }
        }
        for (String a : s.statuses().keySet()) {
            if (Addresses.graphOf(a).filter(graph::equals).isPresent()) {
                drop.add(a);
            }
        }
        drop.forEach(a -> {
            s.resources().remove(a);
            s.statuses().remove(a);
        });
    }
}
