package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.ir.ValueDescriptor;
import io.omnigraph.compiler.types.PropType;

import java.util.Objects;

/** One result column: its final name (spec §2.5) and the type of its values. */
public record ResultColumn(String name, PropType type) {
    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ValueDescriptor descriptor() {
        return ValueDescriptor.of(name, type);
    }
}
