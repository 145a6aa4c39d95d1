package io.omnigraph.server.cluster;

import io.omnigraph.engine.api.Graph;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An opened engine graph shared by the runtimes that serve it: a hot reload hands the handle (and its warm caches of
 * commits, schemas and decoded tables) to the next runtime when the graph root is the same graph. Reference counted;
 * the engine handle closes when the last runtime using it has been drained and closed.
 */
final class GraphHandle {
    private final String graphId;
    private final String uri;
    private final Graph graph;
    private final AtomicInteger refs = new AtomicInteger(1);

    GraphHandle(String graphId, String uri, Graph graph) {
        this.graphId = Objects.requireNonNull(graphId, "graphId");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    String graphId() {
        return graphId;
    }

    String uri() {
        return uri;
    }

    Graph graph() {
        return graph;
    }

    /** The engine's identity of the graph at this root (changes when the root is deleted and re-created). */
    String engineGraphId() {
        return graph.graphId();
    }

    /** One more runtime uses this handle. */
    GraphHandle retain() {
        int before = refs.getAndIncrement();
        if (before <= 0) {
            refs.decrementAndGet();
            throw new IllegalStateException("graph handle of '" + graphId + "' is already closed");
        }
        return this;
    }

    /** A runtime stopped using this handle; the last release closes the engine handle. */
    void release() {
        if (refs.decrementAndGet() == 0) {
            graph.close();
        }
    }

    boolean isOpen() {
        return refs.get() > 0;
    }
}
