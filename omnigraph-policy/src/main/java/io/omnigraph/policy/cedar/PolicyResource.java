package io.omnigraph.policy.cedar;

import io.omnigraph.policy.bundle.BundleKind;

import java.util.Objects;

/**
 * The resource a compiled bundle guards: one graph ({@code Omnigraph::Graph::"<id>"}) or the server
 * ({@code Omnigraph::Server::"root"}).
 */
public record PolicyResource(BundleKind kind, String id) {
    public static final String SERVER_ID = "root";

    public PolicyResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("resource id must not be blank");
        }
    }

    public static PolicyResource graph(String graphId) {
        return new PolicyResource(BundleKind.GRAPH, graphId);
    }

    public static PolicyResource server() {
        return new PolicyResource(BundleKind.SERVER, SERVER_ID);
    }

    /** {@code graph 'knowledge'} or {@code the server}, for messages. */
    public String describe() {
        return kind == BundleKind.GRAPH ? "graph '" + id + "'" : "the server (cluster scope)";
    }
}
