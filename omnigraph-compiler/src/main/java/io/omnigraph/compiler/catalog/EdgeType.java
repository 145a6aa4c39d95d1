package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.CardinalityDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.EdgeDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An edge type of a {@link Catalog}. Edges are never keyed; parallel edges are allowed. Immutable. */
public final class EdgeType implements EntityType {
    private final EdgeDef def;
    private final Map<String, PropertyDef> byName;
    private final List<PhysicalColumn> columns;

    EdgeType(EdgeDef def) {
        this.def = def;
        this.byName = def.properties().stream().collect(Collectors.toUnmodifiableMap(PropertyDef::name, Function.identity()));
        List<PhysicalColumn> cols = new ArrayList<>();
        cols.add(PhysicalColumn.system("id"));
        cols.add(PhysicalColumn.system("src"));
        cols.add(PhysicalColumn.system("dst"));
        def.properties().forEach(p -> cols.add(PhysicalColumn.of(p)));
        this.columns = List.copyOf(cols);
    }

    public EdgeDef def() {
        return def;
    }

    @Override
    public TypeKind kind() {
        return TypeKind.EDGE;
    }

    @Override
    public String name() {
        return def.name();
    }

    @Override
    public long typeId() {
        return def.typeId();
    }

    @Override
    public long tableIncarnationId() {
        return def.tableIncarnationId();
    }

    /** Source node type name. */
    public String from() {
        return def.from();
    }

    /** Target node type name. */
    public String to() {
        return def.to();
    }

    /** True when source and target are the same node type (undirected traversal and multi-hop allowed). */
    public boolean isSymmetric() {
        return def.from().equals(def.to());
    }

    public CardinalityDef cardinality() {
        return def.cardinality();
    }

    @Override
    public List<PropertyDef> properties() {
        return def.properties();
    }

    @Override
    public Optional<PropertyDef> property(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<PropertyDef> propertyById(long propertyId) {
        return def.properties().stream().filter(p -> p.propertyId() == propertyId).findFirst();
    }

    @Override
    public List<PhysicalColumn> columns() {
        return columns;
    }

    @Override
    public List<AnnotationDef> annotations() {
        return def.annotations();
    }

    @Override
    public List<ConstraintDef> constraints() {
        return def.constraints();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeType e && e.def.equals(def);
    }

    @Override
    public int hashCode() {
        return def.hashCode();
    }

    @Override
    public String toString() {
        return "edge " + name();
    }
}
