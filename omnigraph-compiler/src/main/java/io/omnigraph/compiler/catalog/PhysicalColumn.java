package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.PropType;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One column of a node/edge table: the system columns {@code id} (and {@code src}, {@code dst} for edges), then
 * every property in byte-wise name order. {@code propertyId} is empty for system columns.
 */
public record PhysicalColumn(String name, PropType type, OptionalLong propertyId, Optional<PropertyDef> property) {

    public boolean isSystem() {
        return property.isEmpty();
    }

    static PhysicalColumn system(String name) {
        return new PhysicalColumn(name, PropType.of(io.omnigraph.compiler.types.ScalarKind.STRING), OptionalLong.empty(),
                Optional.empty());
    }

    static PhysicalColumn of(PropertyDef p) {
        return new PhysicalColumn(p.name(), p.type(), OptionalLong.of(p.propertyId()), Optional.of(p));
    }
}
