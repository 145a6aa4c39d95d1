package io.omnigraph.cluster.graph;

import io.omnigraph.storage.ObjectStore;

import java.util.Objects;

/**
 * A derived graph root: the graph id, its display URI ({@code <root>/graphs/<id>.omni}) and the object store scoped
 * to it (a prefix view of the cluster's storage root, so the same fault injection and S3 credentials apply).
 */
public record GraphRoot(String graphId, String uri, ObjectStore store) {
    public GraphRoot {
        Objects.requireNonNull(graphId, "graphId");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(store, "store");
    }
}
