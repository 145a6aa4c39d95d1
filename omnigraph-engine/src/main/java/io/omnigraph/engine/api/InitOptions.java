package io.omnigraph.engine.api;

import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.gate.PolicyGate;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link OmniGraph#init}.
 *
 * @param actor          recorded on the genesis commit when present (the CLI records none)
 * @param gate           the gate the returned handle enforces
 * @param schemaFileName the name used in schema diagnostics
 * @param force          replace leftover graph artefacts (a torn init or a deleted graph's objects) when the root holds
 *                       no graph; never replaces a graph and never deletes foreign objects
 */
public record InitOptions(Optional<Actor> actor, PolicyGate gate, GraphStoreOptions storeOptions, String schemaFileName,
                          boolean force) {
    public InitOptions {
        actor = actor == null ? Optional.empty() : actor;
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(storeOptions, "storeOptions");
        schemaFileName = schemaFileName == null ? "schema.pg" : schemaFileName;
    }

    public static InitOptions defaults() {
        return new InitOptions(Optional.empty(), PolicyGate.unrestricted(), GraphStoreOptions.defaults(), "schema.pg", false);
    }

    public InitOptions withForce(boolean f) {
        return new InitOptions(actor, gate, storeOptions, schemaFileName, f);
    }

    public InitOptions withSchemaFileName(String name) {
        return new InitOptions(actor, gate, storeOptions, name, force);
    }

    public InitOptions withActor(Optional<Actor> a) {
        return new InitOptions(a, gate, storeOptions, schemaFileName, force);
    }

    public InitOptions withStoreOptions(GraphStoreOptions o) {
        return new InitOptions(actor, gate, o, schemaFileName, force);
    }

    public InitOptions withGate(PolicyGate g) {
        return new InitOptions(actor, g, storeOptions, schemaFileName, force);
    }
}
