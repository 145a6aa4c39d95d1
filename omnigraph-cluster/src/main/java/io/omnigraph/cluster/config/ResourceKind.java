package io.omnigraph.cluster.config;

/** The kinds of cluster resources (spec §1.7); {@link #wire()} is {@code resources[].kind}. */
public enum ResourceKind {
    GRAPH("graph"), SCHEMA("schema"), QUERY("query"), POLICY("policy"), EMBEDDING_PROVIDER("embedding_provider");

    private final String wire;

    ResourceKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind of an address ({@code graph.x}, {@code provider.embedding.y}, …); empty for unknown prefixes. */
    public static java.util.Optional<ResourceKind> ofAddress(String address) {
        if (address.startsWith("graph.")) {
            return java.util.Optional.of(GRAPH);
        }
        if (address.startsWith("schema.")) {
            return java.util.Optional.of(SCHEMA);
        }
        if (address.startsWith("query.")) {
            return java.util.Optional.of(QUERY);
        }
        if (address.startsWith("policy.")) {
            return java.util.Optional.of(POLICY);
        }
        if (address.startsWith("provider.embedding.")) {
            return java.util.Optional.of(EMBEDDING_PROVIDER);
        }
        return java.util.Optional.empty();
    }
}
