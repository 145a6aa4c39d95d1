package io.omnigraph.server.port;

import io.omnigraph.server.authz.AccessPolicy;

import java.util.List;
import java.util.Optional;

/**
 * What the server serves: the registry of ready graphs and the server-level policy. The cluster adapter builds it
 * from the serving snapshot (ledger + catalog). A hot-reloading implementation may change the answers between calls;
 * the server therefore {@link #pin() pins} one consistent view at the start of every request, runs the whole request
 * on it, and releases it when the response is complete (including streamed bodies). It caches nothing across requests.
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

    /**
     * Pins the view one request runs on. Everything the request asks (graphs, policies) comes from
     * {@link Pinned#view()}; {@link Pinned#close()} is called exactly once when the response is complete. A reloading
     * implementation keeps a pinned revision open until its last pin is released. The default pins {@code this}.
     */
    default Pinned pin() {
        return new Pinned(this, () -> {
        });
    }

    /** Operator controls (reload, status) when this backend supports them; empty otherwise (the routes answer 404). */
    default Optional<AdminControl> admin() {
        return Optional.empty();
    }

    /** One request's view of the served cluster; closing releases it. */
    record Pinned(ServedCluster view, Runnable release) implements AutoCloseable {
        public Pinned {
            java.util.Objects.requireNonNull(view, "view");
            java.util.Objects.requireNonNull(release, "release");
        }

        @Override
        public void close() {
            release.run();
        }
    }

    /** A graph left out of serving, and why. */
    record QuarantinedGraph(String graphId, String code, String reason) {
        public QuarantinedGraph {
            java.util.Objects.requireNonNull(graphId, "graphId");
            java.util.Objects.requireNonNull(code, "code");
            java.util.Objects.requireNonNull(reason, "reason");
        }

        /** A quarantine without a specific diagnostic code. */
        public QuarantinedGraph(String graphId, String reason) {
            this(graphId, "graph_quarantined", reason);
        }
    }
}
