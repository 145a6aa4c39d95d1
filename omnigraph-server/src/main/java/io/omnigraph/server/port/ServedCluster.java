package io.omnigraph.server.port;

import io.omnigraph.server.authz.AccessPolicy;

import java.util.List;
import java.util.Optional;

/**
 * What the server serves: the registry of ready graphs and the server-level policy. The cluster adapter builds it
 * from the serving snapshot (ledger + catalog); a later hot-reload implementation may change the answers between
 * calls, so the server asks on every request and caches nothing.
 */
public interface ServedCluster {
    /** The graphs ready to serve, in any order (the server sorts by id). Quarantined graphs are never listed. */
    List<GraphService> graphs();

    /** The ready graph {@code graphId}; empty for unknown <em>and</em> quarantined graphs (both answer 404). */
    default Optional<GraphService> graph(String graphId) {
        return graphs().stream().filter(g -> g.graphId().equals(graphId)).findFirst();
    }

    /** Graphs that were applied but are not served, with the reason (for logs and operators). */
    default List<QuarantinedGraph> quarantined() {
        return List.of();
    }

    /** The bundle bound to {@code cluster}: it alone decides {@code graph_list}. */
    Optional<AccessPolicy> serverPolicy();

    /** True when any policy bundle is configured (server or any graph); feeds the runtime-state classification. */
    default boolean anyPolicy() {
        return serverPolicy().isPresent() || graphs().stream().anyMatch(g -> g.policy().isPresent());
    }

    /** The storage-format version reported by {@code GET /healthz} as {@code internal_schema_version}. */
    int internalSchemaVersion();

    /** A graph left out of serving, and why. */
    record QuarantinedGraph(String graphId, String reason) {
    }
}
