package io.omnigraph.engine.api;

import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.policy.gate.PolicyGate;

import io.omnigraph.engine.embed.Embedder;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link OmniGraph#open}: the gate the handle enforces, the store tunables and the embedding provider
 * (empty: String {@code nearest} queries fail with {@code embedding_not_configured}, {@code @embed} properties are not
 * filled).
 */
public record OpenOptions(PolicyGate gate, GraphStoreOptions storeOptions, Optional<Embedder> embedder) {
    public OpenOptions {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(storeOptions, "storeOptions");
        Objects.requireNonNull(embedder, "embedder");
    }

    public OpenOptions(PolicyGate gate, GraphStoreOptions storeOptions) {
        this(gate, storeOptions, Optional.empty());
    }

    /** Direct store access: {@link PolicyGate#unrestricted()}, default tunables, no embedder. */
    public static OpenOptions defaults() {
        return new OpenOptions(PolicyGate.unrestricted(), GraphStoreOptions.defaults());
    }

    public OpenOptions withGate(PolicyGate g) {
        return new OpenOptions(g, storeOptions, embedder);
    }

    public OpenOptions withStoreOptions(GraphStoreOptions o) {
        return new OpenOptions(gate, o, embedder);
    }

    public OpenOptions withEmbedder(Embedder e) {
        return new OpenOptions(gate, storeOptions, Optional.of(e));
    }
}
