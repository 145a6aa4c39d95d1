package io.omnigraph.compiler.query.ir;

import io.omnigraph.compiler.types.PropType;

import java.util.Objects;

/**
 * A declared query parameter: name without {@code $}, its declared type (convert runtime JSON with
 * {@link io.omnigraph.compiler.types.Values#fromJson} and {@link io.omnigraph.compiler.types.ValueTarget#param}),
 * and its client-facing descriptor.
 */
public record ParamSpec(String name, PropType type) {
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ValueDescriptor descriptor() {
        return ValueDescriptor.of(name, type);
    }

    /** Declared type as written, e.g. {@code String?}, {@code [I32]}, {@code Vector(4)}. */
    public String typeDisplay() {
        return type.display();
    }
}
