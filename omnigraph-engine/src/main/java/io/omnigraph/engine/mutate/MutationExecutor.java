package io.omnigraph.engine.mutate;

import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeIds;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.query.ir.MutationOp;
import io.omnigraph.compiler.query.ir.MutationQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.commit.IdSet;
import io.omnigraph.engine.embed.Embedder;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.validate.IntegrityEvaluator;
import io.omnigraph.engine.write.TableWrite;
import io.omnigraph.engine.write.WriteSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Executes a typechecked {@link MutationQuery} against a base snapshot into a {@link WriteSet} (languages.md §2.7,
 * engine.md §4.1–§4.3). Statements run in order over an in-memory staging area: later statements see earlier ones'
 * pending rows (read-your-writes), pending rows shadow committed ones, and everything is published as one commit by
 * the caller. Nothing here writes to the store.
 *
 * <ul>
 *   <li>keyed node insert — upsert by derived id with full-row replacement (unassigned nullable properties NULL);</li>
 *   <li>keyless node insert / edge insert — a new entity with a fresh ULID (edges: endpoints must exist);</li>
 *   <li>update — every node matching the predicate over committed ∪ pending; {@code @key} members are immutable;</li>
 *   <li>delete — matching nodes, cascading to every incident edge of every edge type; or matching edges.</li>
 * </ul>
 * Predicates {@code id = v} and {@code keyMember = v} (single-member key) are point lookups; others scan the table.
 * A keyed insert that no other statement or check needs the table for does not read it at all (a blind upsert).
 */
public final class MutationExecutor {
    private final GraphSchema schema;
    private final Snapshot base;
    private final Map<String, Value> params;
    private final Supplier<String> ulids;
    private final long nowMillis;
    private final Map<String, TableData> loaded = new HashMap<>();
    private final Map<String, Staged> staged = new LinkedHashMap<>();
    private long affectedNodes;
    private long affectedEdges;
    private final Optional<Embedder> embedder;

    private MutationExecutor(GraphSchema schema, Snapshot base, Map<String, Value> params, Supplier<String> ulids, long nowMillis,
                             Optional<Embedder> embedder) {
        this.embedder = embedder;
        this.schema = schema;
        this.base = base;
        this.params = params;
        this.ulids = ulids;
        this.nowMillis = nowMillis;
    }

    /** The staged result: what to write and how many entities the statements affected. */
    public record Outcome(WriteSet writes, long affectedNodes, long affectedEdges) {
        public boolean affectedAnything() {
            return affectedNodes + affectedEdges > 0;
        }
    }

    /**
     * Runs the statements and validates the result with the shared integrity evaluator.
     *
     * @param params converted parameters ({@link io.omnigraph.compiler.query.Params#convert})
     * @throws EngineException.ConstraintViolation / Invalid on integrity or value errors; nothing is written
     */
    public static Outcome execute(GraphSchema schema, Snapshot base, MutationQuery query, Map<String, Value> params,
                                  Supplier<String> ulids, long nowMillis) {
        return execute(schema, base, query, params, ulids, nowMillis, Optional.empty());
    }

    /**
     * Runs the statements; with an {@code embedder}, {@code @embed} targets are computed for every staged node whose
     * target is NULL (omitted on insert) while its source text is set, and recomputed when an update changes the
     * source without assigning the target. Provider calls happen here, before the caller builds the commit draft.
     */
    public static Outcome execute(GraphSchema schema, Snapshot base, MutationQuery query, Map<String, Value> params,
                                  Supplier<String> ulids, long nowMillis, Optional<Embedder> embedder) {
        MutationExecutor ex = new MutationExecutor(schema, base, params, ulids, nowMillis, embedder);
        for (MutationOp op : query.statements()) {
            ex.run(op);
        }
        return ex.finish();
    }

    // ------------------------------------------------------------------------------------------------ staging

    private TableData baseTable(String key) {
        return loaded.computeIfAbsent(key, k -> base.tableKeys().contains(k) ? base.table(k)
                : TableData.empty(base.tableSchema(k)));
    }

    private Staged staged(EntityType type) {
        TableSchema ts = schema.table(type);
        return staged.computeIfAbsent(ts.tableKey(), k -> new Staged(type, ts));
    }

    /** One table's pending state. Rows are full rows: id, (src, dst,) properties in column order. */
    private final class Staged {
        final EntityType type;
        final TableSchema ts;
        final List<PropertyDef> props;
        final int offset;
        final LinkedHashMap<String, Value[]> pending = new LinkedHashMap<>();
        final LinkedHashSet<String> deleted = new LinkedHashSet<>();
        final Set<String> fresh = new HashSet<>();
        final Set<String> upserted = new LinkedHashSet<>();
        final Set<String> updated = new LinkedHashSet<>();
        final Set<String> reads = new HashSet<>();
        boolean wholeRead;

        Staged(EntityType type, TableSchema ts) {
            this.type = type;
            this.ts = ts;
            this.props = type.properties();
            this.offset = type instanceof EdgeType ? 3 : 1;
        }

        TableData base() {
            return baseTable(ts.tableKey());
        }

        int columnIndex(String column) {
            return switch (column) {
                case "id" -> 0;
                case "src" -> 1;
                case "dst" -> 2;
                default -> {
                    for (int i = 0; i < props.size(); i++) {
                        if (props.get(i).name().equals(column)) {
                            yield offset + i;
                        }
                    }
                    throw new IllegalStateException("no column " + column + " in " + type);
                }
            };
        }

        PropType columnType(int index) {
            return index < offset ? PropType.of(ScalarKind.STRING) : props.get(index - offset).type();
        }

        Value[] baseRow(int row) {
            TableData b = base();
            Value[] out = new Value[offset + props.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Cells.read(b.column(i), row, columnType(i));
            }
            return out;
        }

        /** The current row of an id (pending, else committed unless deleted), or null. */
        Value[] current(String id) {
            Value[] p = pending.get(id);
            if (p != null) {
                return p;
            }
            if (deleted.contains(id)) {
                return null;
            }
            int r = base().rowOf(id);
            return r < 0 ? null : baseRow(r);
        }

        /** Ids of the current rows matching the condition, in committed-then-pending order. */
        List<String> match(MutationOp.Condition cond) {
            Value rhs = evalCondition(cond);
            Optional<String> point = pointId(cond, rhs);
            List<String> out = new ArrayList<>();
            int col = columnIndex(cond.column());
            if (point.isPresent()) {
                String id = point.get();
                Value[] row = current(id);
                if (row != null && Predicates.test(row[col], cond.op(), rhs)) {
                    out.add(id);
                } else if (row == null) {
                    reads.add(id); // its absence decided the outcome
                }
                return out;
            }
            wholeRead = true;
            TableData b = base();
            PropType ct = columnType(col);
            for (int r = 0; r < b.rowCount(); r++) {
                String id = b.ids().getString(r);
                if (pending.containsKey(id) || deleted.contains(id)) {
                    continue;
                }
                if (Predicates.test(Cells.read(b.column(col), r, ct), cond.op(), rhs)) {
                    out.add(id);
                }
            }
            for (Map.Entry<String, Value[]> e : pending.entrySet()) {
                if (Predicates.test(e.getValue()[col], cond.op(), rhs)) {
                    out.add(e.getKey());
                }
            }
            return out;
        }

        Optional<String> pointId(MutationOp.Condition cond, Value rhs) {
            if (cond.op() != CompareOp.EQ || rhs.isNull()) {
                return Optional.empty();
            }
            if (cond.column().equals("id")) {
                return rhs instanceof Value.Text t ? Optional.of(t.value()) : Optional.empty();
            }
            if (type instanceof NodeType n && cond.property().isPresent()) {
                List<PropertyDef> key = n.keyPropertiesById();
                PropertyDef p = cond.property().get();
                if (key.size() == 1 && key.get(0).name().equals(p.name())) {
                    try {
                        Value v = Values.coerce(rhs, p.type().asNonNull(), ValueTarget.property(type.name(), p.name()));
                        return Optional.of(NodeIds.renderScalar(v, p.type().scalar(), p.name()));
                    } catch (ValueException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }

        boolean inBase(String id) {
            TableData b = base();
            return b.rowCount() > 0 && b.rowOf(id) >= 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ statements

    private void run(MutationOp op) {
        switch (op) {
            case MutationOp.InsertNode ins -> insertNode(ins);
            case MutationOp.InsertEdge ins -> insertEdge(ins);
            case MutationOp.UpdateNode upd -> update(upd);
            case MutationOp.DeleteNode del -> deleteNodes(del);
            case MutationOp.DeleteEdge del -> deleteEdges(del);
        }
    }

    private Value[] freshRow(Staged s, List<MutationOp.Assignment> assignments) {
        Value[] row = new Value[s.offset + s.props.size()];
        Map<String, MutationOp.Assignment> byName = new HashMap<>();
        assignments.forEach(a -> byName.put(a.property().name(), a));
        for (int i = 0; i < s.props.size(); i++) {
            PropertyDef p = s.props.get(i);
            MutationOp.Assignment a = byName.get(p.name());
            if (a == null && p.embed().isPresent() && embedder.isPresent()) {
                row[s.offset + i] = Value.NULL; // computed from the @embed source before finishing
                continue;
            }
            row[s.offset + i] = a == null ? nullFor(s.type, p) : eval(a.value(), p.type(), s.type, p.name());
        }
        return row;
    }

    private static Value nullFor(EntityType type, PropertyDef p) {
        if (!p.type().nullable()) {
            if (p.embed().isPresent()) {
                throw new EngineException.Invalid(EngineErrorCode.EMBEDDING_NOT_CONFIGURED, type.name() + "." + p.name(),
                        "property '" + p.name() + "' of " + type.name() + " is @embed(" + p.embed().get().source() + ") and has"
                                + " no value, and no embedding provider is installed to compute it; bind one "
                                + "(graphs.<id>.embedding_provider in cluster.yaml, or OMNIGRAPH_EMBEDDINGS_MOCK=1 for offline"
                                + " mock vectors), or assign the vector");
            }
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, type.name() + "." + p.name(),
                    "non-nullable property '" + p.name() + "' of " + type.name() + " has no value; assign it in the insert");
        }
        return Value.NULL;
    }

    private void insertNode(MutationOp.InsertNode ins) {
        NodeType type = ins.type();
        Staged s = staged(type);
        List<PropertyDef> key = type.keyPropertiesById();
        Map<String, MutationOp.Assignment> byName = new HashMap<>();
        ins.assignments().forEach(a -> byName.put(a.property().name(), a));
        for (PropertyDef k : key) {
            MutationOp.Assignment a = byName.get(k.name());
            if (a == null || eval(a.value(), k.type().asNullable(), type, k.name()).isNull()) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, type.name() + "." + k.name(),
                        "insert @key property '" + k.name() + "' cannot contain null");
            }
        }
        Value[] row = freshRow(s, ins.assignments());
        String id;
        if (key.isEmpty()) {
            id = ulids.get();
            s.fresh.add(id);
        } else {
            Map<String, Value> values = new HashMap<>();
            for (int i = 0; i < s.props.size(); i++) {
                values.put(s.props.get(i).name(), row[s.offset + i]);
            }
            try {
                id = NodeIds.canonicalId(type, values);
            } catch (ValueException e) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, type.name(), e.getMessage());
            }
            s.upserted.add(id);
        }
        row[0] = new Value.Text(id);
        s.deleted.remove(id);
        s.pending.put(id, row);
        affectedNodes++;
    }

    private void insertEdge(MutationOp.InsertEdge ins) {
        EdgeType type = ins.type();
        Staged s = staged(type);
        Value[] row = freshRow(s, ins.assignments());
        String id = ulids.get();
        row[0] = new Value.Text(id);
        row[1] = endpoint(ins.from(), type, "from");
        row[2] = endpoint(ins.to(), type, "to");
        s.fresh.add(id);
        s.pending.put(id, row);
        affectedEdges++;
    }

    private Value endpoint(TypedExpr e, EdgeType type, String which) {
        Value v = eval(e, PropType.of(ScalarKind.STRING), type, which);
        if (v.isNull()) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, type.name() + "." + which,
                    "edge " + type.name() + " '" + which + "' cannot be null");
        }
        return v;
    }

    private void update(MutationOp.UpdateNode upd) {
        NodeType type = upd.type();
        Staged s = staged(type);
        Set<String> keyNames = new HashSet<>();
        type.keyPropertiesById().forEach(p -> keyNames.add(p.name()));
        for (MutationOp.Assignment a : upd.assignments()) {
            if (keyNames.contains(a.property().name())) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, type.name() + "." + a.property().name(),
                        "cannot update @key property '" + a.property().name() + "' — delete and re-insert instead");
            }
        }
        List<String> ids = s.match(upd.where());
        List<Value> values = new ArrayList<>();
        for (MutationOp.Assignment a : upd.assignments()) {
            values.add(eval(a.value(), a.property().type(), type, a.property().name()));
        }
        Set<String> assignedNames = new HashSet<>();
        upd.assignments().forEach(a -> assignedNames.add(a.property().name()));
        List<Integer> staleTargets = new ArrayList<>();
        if (embedder.isPresent()) {
            for (PropertyDef p : type.embeddedProperties()) {
                if (assignedNames.contains(p.embed().get().source()) && !assignedNames.contains(p.name())) {
                    staleTargets.add(s.columnIndex(p.name()));
                }
            }
        }
        for (String id : ids) {
            Value[] before = s.current(id);
            Value[] row = before.clone();
            for (int i = 0; i < upd.assignments().size(); i++) {
                row[s.columnIndex(upd.assignments().get(i).property().name())] = values.get(i);
            }
            for (int col : staleTargets) {
                PropertyDef target = s.props.get(col - s.offset);
                int src = s.columnIndex(target.embed().get().source());
                if (!row[src].equals(before[src])) {
                    row[col] = Value.NULL; // the source changed: recompute the vector before finishing
                }
            }
            if (!s.upserted.contains(id) && !s.fresh.contains(id)) {
                s.updated.add(id);
            }
            s.pending.put(id, row);
        }
        affectedNodes += ids.size();
    }

    private void deleteNodes(MutationOp.DeleteNode del) {
        NodeType type = del.type();
        Staged s = staged(type);
        List<String> ids = s.match(del.where());
        Set<String> gone = new HashSet<>(ids);
        for (String id : ids) {
            s.pending.remove(id);
            s.deleted.add(id);
        }
        affectedNodes += ids.size();
        if (gone.isEmpty()) {
            return;
        }
        for (EdgeType e : schema.catalog().edgesIncidentTo(type.name())) {
            Staged es = staged(e);
            es.wholeRead = true;
            boolean bySrc = e.from().equals(type.name());
            boolean byDst = e.to().equals(type.name());
            List<String> cascade = new ArrayList<>();
            TableData b = es.base();
            for (int r = 0; r < b.rowCount(); r++) {
                String id = b.ids().getString(r);
                if (es.pending.containsKey(id) || es.deleted.contains(id)) {
                    continue;
                }
                if ((bySrc && gone.contains(((io.omnigraph.engine.table.StringColumn) b.column(1)).getString(r)))
                        || (byDst && gone.contains(((io.omnigraph.engine.table.StringColumn) b.column(2)).getString(r)))) {
                    cascade.add(id);
                }
            }
            for (Map.Entry<String, Value[]> p : es.pending.entrySet()) {
                Value[] row = p.getValue();
                if ((bySrc && gone.contains(((Value.Text) row[1]).value())) || (byDst && gone.contains(((Value.Text) row[2]).value()))) {
                    cascade.add(p.getKey());
                }
            }
            for (String id : cascade) {
                es.pending.remove(id);
                es.deleted.add(id);
            }
            affectedEdges += cascade.size();
        }
    }

    private void deleteEdges(MutationOp.DeleteEdge del) {
        Staged s = staged(del.type());
        List<String> ids = s.match(del.where());
        for (String id : ids) {
            s.pending.remove(id);
            s.deleted.add(id);
        }
        affectedEdges += ids.size();
    }

    // ------------------------------------------------------------------------------------------------ values

    private Value evalCondition(MutationOp.Condition cond) {
        Value v = evalRaw(cond.value());
        if (cond.property().isPresent() && !v.isNull()) {
            PropType t = cond.property().get().type();
            // compare in the column's type where the value converts (e.g. a date literal against a Date column)
            try {
                if (cond.op() == CompareOp.CONTAINS && t.list()) {
                    return Values.coerce(v, t.element(), ValueTarget.property("", cond.column()));
                }
                if (cond.op() != CompareOp.CONTAINS && cond.op() != CompareOp.STARTS_WITH) {
                    return Values.coerce(v, t.asNullable(), ValueTarget.property("", cond.column()));
                }
            } catch (ValueException e) {
                return v;
            }
        }
        return v;
    }

    private Value evalRaw(TypedExpr e) {
        return switch (e) {
            case TypedExpr.Literal l -> l.value();
            case TypedExpr.ParamRef p -> {
                Value v = params.get(p.name());
                if (v == null) {
                    throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, p.name(), "parameter '" + p.name()
                            + "' not provided");
                }
                yield v;
            }
            case TypedExpr.Now n -> new Value.DateTime(nowMillis);
            default -> throw new IllegalStateException("unexpected expression in a mutation: " + e);
        };
    }

    private Value eval(TypedExpr e, PropType target, EntityType owner, String name) {
        Value raw = evalRaw(e);
        try {
            return Values.coerce(raw, target, ValueTarget.property(owner.name(), name));
        } catch (ValueException ex) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, owner.name() + "." + name, ex.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ finish

    /** Computes every pending {@code @embed} target that is NULL while its source is set (one batch per property). */
    private void embedPending() {
        for (Staged s : staged.values()) {
            if (!(s.type instanceof NodeType n) || n.embeddedProperties().isEmpty() || s.pending.isEmpty()) {
                continue;
            }
            for (PropertyDef target : n.embeddedProperties()) {
                int tc = s.columnIndex(target.name());
                int sc = s.columnIndex(target.embed().get().source());
                List<Value[]> rows = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (Value[] row : s.pending.values()) {
                    if (!row[tc].isNull()) {
                        continue;
                    }
                    if (row[sc] instanceof Value.Text t) {
                        rows.add(row);
                        texts.add(t.value());
                    } else if (!target.type().nullable()) {
                        throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, n.name() + "." + target.name(),
                                "non-nullable property '" + target.name() + "' of " + n.name() + " has no value and its @embed"
                                        + " source '" + target.embed().get().source() + "' is NULL; assign one of them");
                    }
                }
                if (texts.isEmpty() || embedder.isEmpty()) {
                    continue;
                }
                List<float[]> vectors = embedder.get().embed(texts, target.type().vectorDim(), Embedder.EmbedTask.DOCUMENT);
                for (int i = 0; i < rows.size(); i++) {
                    rows.get(i)[tc] = new Value.Vector(vectors.get(i));
                }
            }
        }
    }

    private Outcome finish() {
        embedPending();
        WriteSet writes = new WriteSet();
        Map<String, Staged> touched = new LinkedHashMap<>();
        for (Staged s : staged.values()) {
            if (!s.pending.isEmpty() || !s.deleted.isEmpty() || s.wholeRead || !s.reads.isEmpty()) {
                touched.put(s.ts.tableKey(), s);
            }
        }
        Map<String, TableData> upserts = new HashMap<>();
        Map<String, List<String>> deletes = new HashMap<>();
        for (Staged s : touched.values()) {
            TableDataBuilder b = new TableDataBuilder(s.ts, Math.max(4, s.pending.size()));
            for (Value[] row : s.pending.values()) {
                for (int i = 0; i < row.length; i++) {
                    ColumnBuilder cb = b.column(i);
                    Cells.append(cb, row[i], s.columnType(i));
                }
            }
            upserts.put(s.ts.tableKey(), b.build());
            List<String> del = new ArrayList<>();
            for (String id : s.deleted) {
                if (s.inBase(id)) {
                    del.add(id);
                }
            }
            deletes.put(s.ts.tableKey(), del);
        }
        Map<String, io.omnigraph.engine.validate.TableDelta> deltas = new LinkedHashMap<>();
        for (Staged s : touched.values()) {
            String k = s.ts.tableKey();
            if (upserts.get(k).rowCount() > 0 || !deletes.get(k).isEmpty()) {
                deltas.put(k, new io.omnigraph.engine.validate.TableDelta(upserts.get(k), new HashSet<>(deletes.get(k)), false));
            }
        }
        Function<String, TableData> loader = this::baseTable;
        // endpoint checks against tables this mutation does not write are point lookups (no whole-table read); tables
        // it writes are read whole as before (their upserts are classified exactly when read)
        IntegrityEvaluator.Report report = IntegrityEvaluator.check(schema, loader,
                (k, ids) -> {
                    synchronized (loaded) { // endpoint lookups of two tables may run in parallel
                        if (loaded.containsKey(k) || touched.containsKey(k)) {
                            return baseTable(k);
                        }
                    }
                    return base.lookup(k, ids);
                }, deltas);
        for (Staged s : touched.values()) {
            String k = s.ts.tableKey();
            boolean classify = loaded.containsKey(k); // the table was read anyway: classify upserts exactly
            Set<String> fresh = new HashSet<>();
            Set<String> existing = new HashSet<>();
            for (String id : s.upserted) {
                if (!s.pending.containsKey(id)) {
                    continue;
                }
                if (classify && s.inBase(id)) {
                    existing.add(id);
                } else {
                    fresh.add(id);
                }
            }
            Set<String> updates = new HashSet<>();
            for (String id : s.updated) {
                if (s.pending.containsKey(id)) {
                    updates.add(id);
                }
            }
            boolean blind = !classify && !fresh.isEmpty();
            Set<String> strict = new HashSet<>(s.fresh);
            strict.retainAll(s.pending.keySet());
            writes.put(new TableWrite(s.ts, upserts.get(k), deletes.get(k), false, IdSet.of(strict), IdSet.of(fresh),
                    IdSet.of(existing), IdSet.of(updates), s.reads, s.wholeRead, blind));
        }
        writes.withReadSet(report, base::tableSchema);
        return new Outcome(writes, affectedNodes, affectedEdges);
    }
}
