package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.TypeKind;

import java.util.List;
import java.util.Optional;

/** A node or edge type: something with a table. */
public sealed interface EntityType permits NodeType, EdgeType {

    TypeKind kind();

    String name();

    /** Stable type id (survives renames). */
    long typeId();

    /** Table incarnation id: the engine keys the type's table on (typeId, tableIncarnationId). */
    long tableIncarnationId();

    /** {@code node:<Name>} or {@code edge:<Name>}. */
    default String tableKey() {
        return kind().label() + ":" + name();
    }

    /** Properties in byte-wise name order. */
    List<PropertyDef> properties();

    /** A property by exact name. */
    Optional<PropertyDef> property(String name);

    /** A property by stable id. */
    Optional<PropertyDef> propertyById(long propertyId);

    /** Physical columns: {@code id} (edges: {@code id, src, dst}) then properties in name order. */
    List<PhysicalColumn> columns();

    List<AnnotationDef> annotations();

    List<ConstraintDef> constraints();

    /** Member lists of every {@code @unique} (node: properties; edge: may include src/dst). */
    default List<List<String>> uniques() {
        return constraints().stream().filter(c -> c instanceof ConstraintDef.Unique).map(ConstraintDef::properties).toList();
    }

    /** Member lists of every {@code @index} intent. */
    default List<List<String>> indexes() {
        return constraints().stream().filter(c -> c instanceof ConstraintDef.Index).map(ConstraintDef::properties).toList();
    }

    default Optional<String> description() {
        return annotation("description");
    }

    default Optional<String> instruction() {
        return annotation("instruction");
    }

    default Optional<String> annotation(String name) {
        return annotations().stream().filter(a -> a.name().equals(name)).findFirst().flatMap(AnnotationDef::value);
    }
}
