package io.omnigraph.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.schema.ir.SchemaIRJson;
import io.omnigraph.compiler.schema.ir.TypeKind;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.PhysicalType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.VectorType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compiler's view of a schema ({@link CompiledSchema}: source, IR, {@link Catalog}) joined with the engine's
 * physical view ({@link SchemaObject}: one {@link TableSchema} per node/edge type). Immutable; the graph handle caches
 * one per schema digest.
 *
 * <p>Mapping rules (docs/storage-format.md, "Catalog → tables"):
 * <ul>
 *   <li>table key = {@code n<typeId>-t<tableIncarnationId>} for nodes, {@code e<typeId>-t<incarnation>} for edges:
 *       it survives type renames and changes when a type is dropped and re-added;</li>
 *   <li>columns: {@code id} (edges: {@code id, src, dst}) then properties in the catalog's name order, each with
 *       field id = the stable property id, so property renames keep data;</li>
 *   <li>types: String/enum → string, Bool → bool, I32/I64/U32/U64/F32/F64 → same, Date → date (epoch days),
 *       DateTime → datetime (epoch ms), Blob → blob (see {@link BlobCells}), Vector(N) → vector(N),
 *       [T] → list&lt;T&gt;; nullability as declared.</li>
 * </ul>
 */
public final class GraphSchema {
    private final CompiledSchema compiled;
    private final SchemaObject object;
    private final Map<String, TableSchema> byType;
    private final Map<String, EntityType> byTable;

    private GraphSchema(CompiledSchema compiled, SchemaObject object) {
        this.compiled = compiled;
        this.object = object;
        Map<String, TableSchema> t = new LinkedHashMap<>();
        Map<String, EntityType> e = new LinkedHashMap<>();
        for (EntityType type : compiled.catalog().entityTypes()) {
            String key = tableKey(type);
            TableSchema ts = object.table(key).orElseThrow(() -> new EngineException.Corrupt("schemas/" + object.digest(),
                    "schema object has no table '" + key + "' for " + type, null));
            t.put(typeKey(type), ts);
            e.put(key, type);
        }
        this.byType = Collections.unmodifiableMap(t);
        this.byTable = Collections.unmodifiableMap(e);
    }

    /** Builds the schema object (source + IR + physical tables) of a compiled schema. */
    public static GraphSchema of(CompiledSchema compiled) {
        List<TableSchema> tables = new ArrayList<>();
        for (EntityType type : compiled.catalog().entityTypes()) {
            tables.add(tableSchema(type));
        }
        JsonNode ir = SchemaIRJson.toTree(compiled.ir());
        return new GraphSchema(compiled, SchemaObject.create(compiled.source(), ir, tables));
    }

    /**
     * Rebuilds the compiler's view from a stored schema object.
     *
     * @throws EngineException.Corrupt when the stored IR is not a valid schema IR
     */
    public static GraphSchema fromObject(SchemaObject object) {
        try {
            SchemaIR ir = SchemaIR.fromJson(object.ir().toString());
            return new GraphSchema(CompiledSchema.of("schema.pg", object.source(), ir), object);
        } catch (CompileException | IllegalArgumentException e) {
            throw new EngineException.Corrupt("schemas/" + object.digest(), "stored schema IR is invalid: " + e.getMessage(), e);
        }
    }

    public CompiledSchema compiled() {
        return compiled;
    }

    public Catalog catalog() {
        return compiled.catalog();
    }

    public SchemaObject object() {
        return object;
    }

    /** The schema object digest ({@code sha256:…} of source + IR + tables). */
    public String digest() {
        return object.digest();
    }

    public String source() {
        return compiled.source();
    }

    /** The table of a node or edge type. */
    public TableSchema table(EntityType type) {
        TableSchema ts = byType.get(typeKey(type));
        if (ts == null) {
            throw new IllegalArgumentException(type + " is not part of this schema");
        }
        return ts;
    }

    /** The type stored in a table, if the table belongs to this schema. */
    public Optional<EntityType> typeOfTable(String tableKey) {
        return Optional.ofNullable(byTable.get(tableKey));
    }

    /** Node tables then edge tables, each in type-name order. */
    public List<EntityType> types() {
        return List.copyOf(byTable.values());
    }

    public Optional<NodeType> nodeType(String name) {
        return compiled.catalog().nodeType(name);
    }

    public Optional<EdgeType> edgeType(String name) {
        return compiled.catalog().edgeType(name);
    }

    /** {@code node:T} / {@code edge:E}: the name used in messages ({@code unknown input field 'x' for 'node:T'}). */
    public static String typeKey(EntityType type) {
        return type.kind().label() + ":" + type.name();
    }

    /** The storage key of a type's table (see the class comment). */
    public static String tableKey(EntityType type) {
        return (type.kind() == TypeKind.EDGE ? "e" : "n") + type.typeId() + "-t" + type.tableIncarnationId();
    }

    /** The physical table schema of a type. */
    public static TableSchema tableSchema(EntityType type) {
        List<ColumnSpec> props = new ArrayList<>();
        for (PropertyDef p : type.properties()) {
            if (p.propertyId() < 1 || p.propertyId() > ColumnSpec.MAX_USER_FIELD_ID) {
                throw new EngineException.Invalid(io.omnigraph.engine.error.EngineErrorCode.INVALID_ARGUMENT,
                        type.name() + "." + p.name(), "property id " + p.propertyId() + " of " + type.name() + "."
                        + p.name() + " is outside the field-id range 1.." + ColumnSpec.MAX_USER_FIELD_ID);
            }
            props.add(ColumnSpec.of(p.name(), (int) p.propertyId(), physicalType(p.type()), p.type().nullable()));
        }
        String key = tableKey(type);
        return type.kind() == TypeKind.EDGE ? TableSchema.edge(key, type.name(), props)
                : TableSchema.node(key, type.name(), props);
    }

    /** The physical type of a property type. */
    public static PhysicalType physicalType(PropType t) {
        if (t.isVector()) {
            if (t.vectorDim() > 65_536) {
                throw new EngineException.Invalid(io.omnigraph.engine.error.EngineErrorCode.INVALID_ARGUMENT, t.display(),
                        "vectors of more than 65536 dimensions are not supported (got " + t.vectorDim() + ")");
            }
            return new VectorType(t.vectorDim());
        }
        ScalarType s = scalar(t);
        return t.list() ? new ListType(s) : s;
    }

    private static ScalarType scalar(PropType t) {
        return switch (t.scalar()) {
            case STRING -> ScalarType.STRING;
            case BLOB -> ScalarType.BLOB;
            case BOOL -> ScalarType.BOOL;
            case I32 -> ScalarType.I32;
            case I64 -> ScalarType.I64;
            case U32 -> ScalarType.U32;
            case U64 -> ScalarType.U64;
            case F32 -> ScalarType.F32;
            case F64 -> ScalarType.F64;
            case DATE -> ScalarType.DATE;
            case DATETIME -> ScalarType.DATETIME;
            case VECTOR -> throw new IllegalArgumentException("vector handled by caller");
        };
    }

    /** The table kind of an entity type. */
    public static TableKind kindOf(EntityType type) {
        return type.kind() == TypeKind.EDGE ? TableKind.EDGE : TableKind.NODE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphSchema g && g.object.digest().equals(object.digest());
    }

    @Override
    public int hashCode() {
        return Objects.hash(object.digest());
    }
}
