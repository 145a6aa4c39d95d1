package io.omnigraph.compiler.query.ir;

import io.omnigraph.compiler.types.PropType;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Shape of a parameter or result column for clients (MCP JSON Schemas, lint {@code --json}):
 * kind, nullability, list item kind, vector dimension, enum values (for String parameters matched against enums
 * this stays empty: parameters are declared as String).
 */
public record ValueDescriptor(String name, ValueKind kind, boolean nullable, Optional<ValueKind> itemKind,
                              OptionalInt vectorDim) {
    public ValueDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public static ValueDescriptor of(String name, PropType t) {
        return new ValueDescriptor(name, ValueKind.of(t), t.nullable(),
                t.list() ? Optional.of(ValueKind.ofScalar(t)) : Optional.empty(),
                t.isVector() ? OptionalInt.of(t.vectorDim()) : OptionalInt.empty());
    }
}
