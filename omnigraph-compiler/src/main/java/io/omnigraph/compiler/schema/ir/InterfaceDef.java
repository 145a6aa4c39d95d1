package io.omnigraph.compiler.schema.ir;

import java.util.List;
import java.util.Objects;

/** An interface: a property contract implemented by node types. No table of its own. */
public record InterfaceDef(String name, long typeId, List<PropertyDef> properties, List<ConstraintDef> constraints) {
    public InterfaceDef {
        Objects.requireNonNull(name, "name");
        properties = SchemaIR.sortedByName(properties);
        constraints = List.copyOf(constraints);
    }
}
