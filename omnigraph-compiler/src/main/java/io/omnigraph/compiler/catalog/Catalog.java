package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.EdgeDef;
import io.omnigraph.compiler.schema.ir.InterfaceDef;
import io.omnigraph.compiler.schema.ir.NodeDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lookups over an accepted schema: node and edge types by name (edges also case-insensitively, as traversals and
 * the loader resolve them), by stable id, and the edges incident to a node type. Built from a {@link SchemaIR}
 * (the engine rebuilds it from the IR stored with a commit); immutable and thread-safe.
 */
public final class Catalog {
    private final SchemaIR ir;
    private final Map<String, NodeType> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeType> edges = new LinkedHashMap<>();
    private final Map<String, EdgeType> edgesFolded = new LinkedHashMap<>();
    private final Map<String, InterfaceDef> interfaces = new LinkedHashMap<>();
    private final Map<Long, EntityType> byId = new LinkedHashMap<>();

    private Catalog(SchemaIR ir) {
        this.ir = ir;
        ir.interfaces().forEach(i -> interfaces.put(i.name(), i));
        for (NodeDef n : ir.nodes()) {
            NodeType t = new NodeType(n);
            nodes.put(n.name(), t);
            byId.put(n.typeId(), t);
        }
        for (EdgeDef e : ir.edges()) {
            EdgeType t = new EdgeType(e);
            edges.put(e.name(), t);
            edgesFolded.put(e.name().toLowerCase(Locale.ROOT), t);
            byId.put(e.typeId(), t);
        }
    }

    /**
     * Builds a catalog from an IR, checking its internal consistency (unique names and ids, endpoints and
     * constraint members that exist).
     *
     * @throws CompileException with code {@code invalid_ir} when the IR is inconsistent
     */
    public static Catalog of(SchemaIR ir) {
        validate(ir);
        return new Catalog(ir);
    }

    public SchemaIR ir() {
        return ir;
    }

    /** Node types in name order. */
    public List<NodeType> nodeTypes() {
        return List.copyOf(nodes.values());
    }

    /** Edge types in name order. */
    public List<EdgeType> edgeTypes() {
        return List.copyOf(edges.values());
    }

    public List<InterfaceDef> interfaces() {
        return List.copyOf(interfaces.values());
    }

    /** Node and edge types, nodes first, each in name order. */
    public List<EntityType> entityTypes() {
        List<EntityType> all = new java.util.ArrayList<>(nodes.values());
        all.addAll(edges.values());
        return List.copyOf(all);
    }

    public Optional<NodeType> nodeType(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Edge type by exact declared name (mutation targets). */
    public Optional<EdgeType> edgeType(String name) {
        return Optional.ofNullable(edges.get(name));
    }

    /** Edge type by name, ignoring case (traversals {@code $a worksAt $b}, NDJSON {@code "edge":"knows"}). */
    public Optional<EdgeType> edgeTypeIgnoreCase(String name) {
        return Optional.ofNullable(edgesFolded.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<InterfaceDef> interfaceType(String name) {
        return Optional.ofNullable(interfaces.get(name));
    }

    /** A node or edge type by table key {@code node:T} / {@code edge:E} (exact names). */
    public Optional<EntityType> byTableKey(String tableKey) {
        if (tableKey.startsWith("node:")) {
            return nodeType(tableKey.substring(5)).map(t -> t);
        }
        if (tableKey.startsWith("edge:")) {
            return edgeType(tableKey.substring(5)).map(t -> t);
        }
        return Optional.empty();
    }

    /** A node or edge type by stable type id. */
    public Optional<EntityType> typeById(long typeId) {
        return Optional.ofNullable(byId.get(typeId));
    }

    /** Edge types whose source or target is the node type (name order). */
    public List<EdgeType> edgesIncidentTo(String nodeTypeName) {
        return edges.values().stream().filter(e -> e.from().equals(nodeTypeName) || e.to().equals(nodeTypeName)).toList();
    }

    /** The index family a property gets (spec §1.5). */
    public static IndexKind indexKind(PropType type) {
        if (type.list() || type.scalar() == ScalarKind.BLOB) {
            return IndexKind.NONE;
        }
        if (type.isVector()) {
            return IndexKind.VECTOR;
        }
        if (type.scalar() == ScalarKind.STRING && !type.isEnum()) {
            return IndexKind.FULL_TEXT;
        }
        return IndexKind.BTREE;
    }

    // ------------------------------------------------------------------------------------------------ validation

    private static void validate(SchemaIR ir) {
        Set<Long> ids = new HashSet<>();
        Set<String> typeNames = new HashSet<>();
        Set<String> nodeNames = new HashSet<>();
        Set<String> folded = new HashSet<>();
        for (InterfaceDef i : ir.interfaces()) {
            claimId(ids, i.typeId(), ir, "interface " + i.name());
            require(typeNames.add("i:" + i.name()), "duplicate interface " + i.name());
            props(ids, ir, "interface " + i.name(), i.properties(), i.constraints(), false);
        }
        for (NodeDef n : ir.nodes()) {
            claimId(ids, n.typeId(), ir, "node " + n.name());
            claimId(ids, n.tableIncarnationId(), ir, "node " + n.name() + " table");
            require(typeNames.add("n:" + n.name()), "duplicate node " + n.name());
            nodeNames.add(n.name());
            for (String i : n.implementsList()) {
                require(ir.interfaces().stream().anyMatch(x -> x.name().equals(i)),
                        "node " + n.name() + " implements unknown interface " + i);
            }
            props(ids, ir, "node " + n.name(), n.properties(), n.constraints(), false);
            require(n.constraints().stream().filter(c -> c instanceof ConstraintDef.Key).count() <= 1,
                    "node " + n.name() + " has several keys");
        }
        for (EdgeDef e : ir.edges()) {
            claimId(ids, e.typeId(), ir, "edge " + e.name());
            claimId(ids, e.tableIncarnationId(), ir, "edge " + e.name() + " table");
            require(folded.add(e.name().toLowerCase(Locale.ROOT)), "duplicate edge " + e.name());
            require(nodeNames.contains(e.from()), "edge " + e.name() + " references unknown source type " + e.from());
            require(nodeNames.contains(e.to()), "edge " + e.name() + " references unknown target type " + e.to());
            props(ids, ir, "edge " + e.name(), e.properties(), e.constraints(), true);
            require(e.constraints().stream().allMatch(c -> c instanceof ConstraintDef.Unique || c instanceof ConstraintDef.Index),
                    "edge " + e.name() + " has a constraint other than @unique/@index");
        }
    }

    private static void props(Set<Long> ids, SchemaIR ir, String owner, List<PropertyDef> props,
                              List<ConstraintDef> constraints, boolean edge) {
        Set<String> names = new HashSet<>();
        for (PropertyDef p : props) {
            claimId(ids, p.propertyId(), ir, owner + "." + p.name());
            require(names.add(p.name()), "duplicate property " + owner + "." + p.name());
            p.embed().ifPresent(em -> require(props.stream().anyMatch(q -> q.name().equals(em.source())),
                    owner + "." + p.name() + " embeds unknown property " + em.source()));
        }
        for (ConstraintDef c : constraints) {
            require(!c.properties().isEmpty(), owner + " has an empty constraint");
            for (String m : c.properties()) {
                require(names.contains(m) || (edge && (m.equals("src") || m.equals("dst"))),
                        owner + " constraint " + c.display() + " names unknown property " + m);
            }
        }
    }

    private static void claimId(Set<Long> ids, long id, SchemaIR ir, String what) {
        require(id >= 1 && id < ir.nextIdentityId(), what + " has id " + id + " outside 1.." + (ir.nextIdentityId() - 1));
        require(ids.add(id), what + " reuses id " + id);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new CompileException(Diagnostic.error(CompilerErrorCode.INVALID_IR, "schema IR is inconsistent: " + message));
        }
    }
}
