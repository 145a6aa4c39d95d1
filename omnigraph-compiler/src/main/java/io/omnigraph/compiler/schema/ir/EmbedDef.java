package io.omnigraph.compiler.schema.ir;

import java.util.Objects;
import java.util.Optional;

/** {@code @embed("source", model="…")} on a Vector property: which String property it embeds, with which model. */
public record EmbedDef(String source, Optional<String> model) {
    public EmbedDef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(model, "model");
    }
}
