package io.omnigraph.engine.api;

import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.policy.gate.PolicyGate;

import java.util.Objects;

/** Options of {@link OmniGraph#open}: the gate the handle enforces and the store tunables. */
public record OpenOptions(PolicyGate gate, GraphStoreOptions storeOptions) {
    public OpenOptions {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(storeOptions, "storeOptions");
    }

    /** Direct store access: {@link PolicyGate#unrestricted()}, default tunables. */
    public static OpenOptions defaults() {
        return new OpenOptions(PolicyGate.unrestricted(), GraphStoreOptions.defaults());
    }

    public OpenOptions withGate(PolicyGate g) {
        return new OpenOptions(g, storeOptions);
    }

    public OpenOptions withStoreOptions(GraphStoreOptions o) {
        return new OpenOptions(gate, o);
    }
}
