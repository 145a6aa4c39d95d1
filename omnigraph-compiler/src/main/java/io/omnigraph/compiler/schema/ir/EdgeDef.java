package io.omnigraph.compiler.schema.ir;

import java.util.List;
import java.util.Objects;

/** An edge type: table identity, endpoints (node type names), cardinality, annotations, properties, constraints. */
public record EdgeDef(String name, long typeId, long tableIncarnationId, String from, String to,
                      CardinalityDef cardinality, List<AnnotationDef> annotations, List<PropertyDef> properties,
                      List<ConstraintDef> constraints) {
    public EdgeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cardinality, "cardinality");
        annotations = List.copyOf(annotations);
        properties = SchemaIR.sortedByName(properties);
        constraints = List.copyOf(constraints);
    }
}
