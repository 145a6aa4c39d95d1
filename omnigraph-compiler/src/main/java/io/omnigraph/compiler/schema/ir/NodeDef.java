package io.omnigraph.compiler.schema.ir;

import java.util.List;
import java.util.Objects;

/** A node type: its table identity, implemented interfaces, annotations, properties (name order) and constraints. */
public record NodeDef(String name, long typeId, long tableIncarnationId, List<String> implementsList,
                      List<AnnotationDef> annotations, List<PropertyDef> properties, List<ConstraintDef> constraints) {
    public NodeDef {
        Objects.requireNonNull(name, "name");
        implementsList = List.copyOf(implementsList);
        annotations = List.copyOf(annotations);
        properties = SchemaIR.sortedByName(properties);
        constraints = List.copyOf(constraints);
    }
}
