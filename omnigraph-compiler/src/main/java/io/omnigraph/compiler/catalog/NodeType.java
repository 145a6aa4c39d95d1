package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.schema.ir.AnnotationDef;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.NodeDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.TypeKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A node type of a {@link Catalog}: the IR definition plus derived lookups. Immutable. */
public final class NodeType implements EntityType {
    private final NodeDef def;
    private final Map<String, PropertyDef> byName;
    private final List<PhysicalColumn> columns;
    private final List<PropertyDef> keyByName;
    private final List<PropertyDef> keyById;

    NodeType(NodeDef def) {
        this.def = def;
        this.byName = def.properties().stream().collect(Collectors.toUnmodifiableMap(PropertyDef::name, Function.identity()));
        List<PhysicalColumn> cols = new ArrayList<>();
        cols.add(PhysicalColumn.system("id"));
        def.properties().forEach(p -> cols.add(PhysicalColumn.of(p)));
        this.columns = List.copyOf(cols);
        List<String> keyNames = def.constraints().stream().filter(c -> c instanceof ConstraintDef.Key)
                .findFirst().map(ConstraintDef::properties).orElse(List.of());
        this.keyByName = keyNames.stream().map(byName::get).toList();
        this.keyById = keyByName.stream().sorted(Comparator.comparingLong(PropertyDef::propertyId)).toList();
    }

    /** The IR definition. */
    public NodeDef def() {
        return def;
    }

    @Override
    public TypeKind kind() {
        return TypeKind.NODE;
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

    public List<String> implementsList() {
        return def.implementsList();
    }

    /** True when the node has an {@code @key}: ids are derived from key values (spec §1.6). */
    public boolean isKeyed() {
        return !keyByName.isEmpty();
    }

    /** Key members in declared order (empty when keyless). */
    public List<PropertyDef> keyProperties() {
        return keyByName;
    }

    /** Key members ordered by stable property id — the order of a composite id. */
    public List<PropertyDef> keyPropertiesById() {
        return keyById;
    }

    public boolean isKeyMember(String property) {
        return keyByName.stream().anyMatch(p -> p.name().equals(property));
    }

    public List<ConstraintDef.Range> ranges() {
        return def.constraints().stream().filter(c -> c instanceof ConstraintDef.Range).map(c -> (ConstraintDef.Range) c).toList();
    }

    public List<ConstraintDef.Check> checks() {
        return def.constraints().stream().filter(c -> c instanceof ConstraintDef.Check).map(c -> (ConstraintDef.Check) c).toList();
    }

    /** Vector properties with {@code @embed}. */
    public List<PropertyDef> embeddedProperties() {
        return def.properties().stream().filter(p -> p.embed().isPresent()).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeType n && n.def.equals(def);
    }

    @Override
    public int hashCode() {
        return def.hashCode();
    }

    @Override
    public String toString() {
        return "node " + name();
    }
}
