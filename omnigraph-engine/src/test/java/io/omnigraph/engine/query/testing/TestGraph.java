package io.omnigraph.engine.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeIds;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.query.Params;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIRJson;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.commit.PendingSegment;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.commit.PublishResult;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.query.ColumnValues;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.QueryExecutor;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.storage.memory.InMemoryObjectStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-only graph builder over the real engine core: compiles a schema, initialises a {@link GraphStore} in memory,
 * converts graph NDJSON rows with the compiler's {@link Values}/{@link NodeIds} into {@link TableData} and publishes
 * them through {@link GraphStore#publish}. It is not the product loader (no strict validation beyond value
 * conversion, no referential checks) — just enough to build fixtures for query tests.
 */
public final class TestGraph implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final GraphStore store;
    private final CompiledSchema schema;
    private final Map<String, TableSchema> tables = new LinkedHashMap<>();
    private final IndexCache indexes = IndexCache.defaults();

    /** How a load combines with existing rows. */
    public enum Mode {
        /** Rows replace same-id rows and add new ones. */
        MERGE,
        /** Every table named in the file is replaced by the file's rows. */
        OVERWRITE
    }

    private TestGraph(GraphStore store, CompiledSchema schema, Map<String, TableSchema> tables) {
        this.store = store;
        this.schema = schema;
        this.tables.putAll(tables);
    }

    public static TestGraph create(String pg) {
        return create(pg, new InMemoryObjectStore(), GraphStoreOptions.defaults());
    }

    public static TestGraph create(String pg, InMemoryObjectStore mem, GraphStoreOptions options) {
        CompiledSchema schema = SchemaCompiler.compile(pg, "schema.pg");
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        for (EntityType t : schema.catalog().entityTypes()) {
            List<ColumnSpec> cols = new ArrayList<>();
            for (PropertyDef p : t.properties()) {
                cols.add(ColumnSpec.of(p.name(), (int) p.propertyId(), ColumnValues.physicalType(p.type()), p.type().nullable()));
            }
            String key = (t instanceof NodeType ? "n" : "e") + t.typeId() + "-" + t.tableIncarnationId();
            tables.put(t.tableKey(), t instanceof NodeType ? TableSchema.node(key, t.name(), cols)
                    : TableSchema.edge(key, t.name(), cols));
        }
        SchemaObject so = SchemaObject.create(pg, SchemaIRJson.toTree(schema.ir()), tables.values());
        GraphStore g = GraphStore.init(mem, so, Optional.empty(), options);
        return new TestGraph(g, schema, tables);
    }

    public GraphStore store() {
        return store;
    }

    public Catalog catalog() {
        return schema.catalog();
    }

    public IndexCache indexes() {
        return indexes;
    }

    /** Loads NDJSON into {@code main}. */
    public PublishResult load(String jsonl, Mode mode) {
        return load(jsonl, mode, "main");
    }

    public PublishResult load(String jsonl, Mode mode, String branch) {
        Map<String, TableDataBuilder> builders = new LinkedHashMap<>();
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode rec;
            try {
                rec = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("bad test NDJSON line: " + line, e);
            }
            if (rec.has("type")) {
                NodeType t = catalog().nodeType(rec.get("type").asText()).orElseThrow();
                JsonNode data = rec.path("data");
                Map<String, Value> values = new LinkedHashMap<>();
                for (PropertyDef p : t.properties()) {
                    values.put(p.name(), Values.fromJson(data.get(p.name()), p.type(), ValueTarget.property(t.name(), p.name())));
                }
                String id = t.isKeyed() ? NodeIds.canonicalId(t, values)
                        : data.has("id") ? data.get("id").asText() : store.newId();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                values.forEach((k, v) -> row.put(k, ColumnValues.boxed(v)));
                builders.computeIfAbsent(t.tableKey(), k -> new TableDataBuilder(tables.get(k))).appendRow(row);
            } else {
                EdgeType t = catalog().edgeTypeIgnoreCase(rec.get("edge").asText()).orElseThrow();
                JsonNode data = rec.path("data");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", data.has("id") ? data.get("id").asText() : store.newId());
                row.put("src", rec.get("from").asText());
                row.put("dst", rec.get("to").asText());
                for (PropertyDef p : t.properties()) {
                    row.put(p.name(), ColumnValues.boxed(Values.fromJson(data.get(p.name()), p.type(),
                            ValueTarget.property(t.name(), p.name()))));
                }
                builders.computeIfAbsent(t.tableKey(), k -> new TableDataBuilder(tables.get(k))).appendRow(row);
            }
        }
        BranchHead head = store.readBranch(branch);
        CommitDraft.Builder draft = CommitDraft.builder("load").message("test load");
        for (Map.Entry<String, TableDataBuilder> e : builders.entrySet()) {
            TableData data = dedupe(e.getValue().build());
            PendingSegment seg = store.encodeData(data);
            if (mode == Mode.OVERWRITE) {
                draft.replace(tables.get(e.getKey()).tableKey(), List.of(seg), data.rowCount());
            } else {
                draft.append(seg, data.rowCount());
            }
        }
        return store.publish(PublishRequest.of(head, draft.build()));
    }

    /** Keeps the last row per id (a file may repeat an id in tests). */
    private static TableData dedupe(TableData t) {
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            last.remove(t.ids().getString(r));
            last.put(t.ids().getString(r), r);
        }
        if (last.size() == t.rowCount()) {
            return t;
        }
        return t.select(last.values().stream().mapToInt(Integer::intValue).toArray());
    }

    /** Deletes nodes or edges by id (a delete segment), on {@code branch}. */
    public PublishResult delete(String typeKey, List<String> ids, String branch) {
        BranchHead head = store.readBranch(branch);
        PendingSegment seg = store.encodeDelete(tables.get(typeKey), ids);
        return store.publish(PublishRequest.of(head, CommitDraft.builder("mutation").append(seg, -ids.size()).build()));
    }

    public SnapshotGraph graph(ReadTarget target) {
        return new SnapshotGraph(store.snapshot(target), indexes);
    }

    public SnapshotGraph graph() {
        return graph(ReadTarget.branch("main"));
    }

    /** Compiles {@code name} from {@code gq} against the target's catalog and runs it. */
    public QueryRows run(String gq, String name, String paramsJson, ReadTarget target, ExecOptions options) {
        SnapshotGraph g = graph(target);
        QueryPlan plan = QueryCompiler.compile(gq, "q.gq", name, g.catalog());
        if (!(plan instanceof ReadQuery rq)) {
            throw new IllegalArgumentException(name + " is a mutation");
        }
        JsonNode params;
        try {
            params = paramsJson == null ? JSON.createObjectNode() : JSON.readTree(paramsJson);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return QueryExecutor.execute(rq, g, Params.convert(rq.params(), params), options);
    }

    public QueryRows run(String gq, String name, String paramsJson) {
        return run(gq, name, paramsJson, ReadTarget.branch("main"), ExecOptions.defaults());
    }

    /** Rows as JSON objects keyed by column (spec §4 rendering). */
    public static List<ObjectNode> json(QueryRows rows) {
        List<ObjectNode> out = new ArrayList<>();
        for (List<Value> r : rows.rows()) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < r.size(); i++) {
                o.set(rows.columns().get(i).name(), Values.toJson(r.get(i), rows.columns().get(i).type(),
                        Values.NumberStyle.NATIVE));
            }
            out.add(o);
        }
        return out;
    }

    @Override
    public void close() {
        store.close();
    }
}
