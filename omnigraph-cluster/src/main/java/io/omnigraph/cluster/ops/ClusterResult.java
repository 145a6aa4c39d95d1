package io.omnigraph.cluster.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of one cluster command: its name and its JSON document (the spec's shape for that command; always has
 * {@code ok} and {@code diagnostics}). Human output is rendered from this document by the CLI.
 */
public record ClusterResult(String command, ObjectNode json) {
    public boolean ok() {
        return json.path("ok").asBoolean(false);
    }
}
