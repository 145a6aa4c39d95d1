package io.omnigraph.engine.format;

import java.util.Objects;

/**
 * {@code graph.json}: written once by init with create-if-absent; open refuses any other {@code formatVersion}.
 * {@code genesisCommit} lets a retried init recognise its own earlier (lost-ack) write.
 */
public record GraphStamp(int formatVersion, String format, String graphId, String genesisCommit, long createdAt) {
    public GraphStamp {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(graphId, "graph_id");
        Objects.requireNonNull(genesisCommit, "genesis_commit");
    }
}
