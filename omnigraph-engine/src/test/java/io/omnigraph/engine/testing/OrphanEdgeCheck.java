package io.omnigraph.engine.testing;

import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.merge.MergeConflictKind;
import io.omnigraph.engine.merge.MergeValidator;
import io.omnigraph.engine.merge.MergedResult;
import io.omnigraph.engine.merge.TableMergeDelta;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.IdIndex;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Test-only, catalog-free referential-integrity validator for the {@link TestGraphs} schemas (which carry no compiler
 * IR, so the shared integrity evaluator cannot run on them; production merges use
 * {@code io.omnigraph.engine.merge.IntegrityMergeValidator}). Referential integrity of a merged result, delta-scoped: every edge the merge writes must have both endpoints in the
 * merged result, and no edge of the merged result may point at a node the merge deletes. This is how the classic
 * merge anomaly shows: one side deletes a node (its own edges are deleted with it) while the other side links a new
 * edge to it — the row-level merge sees no conflict, the merged graph would hold an orphan edge ({@code orphan_edge}).
 *
 * <p>Cost: one lookup per written edge endpoint; when the merge deletes nodes, one scan of the endpoint columns of
 * the target's incident edge tables.
 */
public final class OrphanEdgeCheck implements MergeValidator {
    /** The node tables an edge table's {@code src} and {@code dst} point into. */
    public record Endpoints(String fromTable, String toTable) {
        public Endpoints {
            Objects.requireNonNull(fromTable);
            Objects.requireNonNull(toTable);
        }
    }

    private final Function<SchemaObject, Map<String, Endpoints>> endpoints;

    private OrphanEdgeCheck(Function<SchemaObject, Map<String, Endpoints>> endpoints) {
        this.endpoints = endpoints;
    }

    /** With a fixed edge table → endpoint tables map (tests, callers with their own catalog). */
    public static OrphanEdgeCheck of(Map<String, Endpoints> endpoints) {
        Map<String, Endpoints> copy = Map.copyOf(endpoints);
        return new OrphanEdgeCheck(s -> copy);
    }

    /** Endpoints derived from the schema's compiler IR (edge {@code from}/{@code to} node types, matched by type name). */
    public static OrphanEdgeCheck fromSchemaIr() {
        return new OrphanEdgeCheck(OrphanEdgeCheck::endpointsOf);
    }

    /** Edge table key → endpoint node table keys, from the compiler IR stored with the schema (empty without IR). */
    public static Map<String, Endpoints> endpointsOf(SchemaObject schema) {
        if (schema.ir() == null || !schema.ir().isObject()) {
            return Map.of();
        }
        Catalog catalog = Catalog.of(SchemaIR.fromJson(schema.ir().toString()));
        Map<String, String> nodeTables = new HashMap<>();
        for (TableSchema t : schema.tables().values()) {
            if (t.kind() == TableKind.NODE) {
                nodeTables.put(t.typeName(), t.tableKey());
            }
        }
        Map<String, Endpoints> out = new HashMap<>();
        for (TableSchema t : schema.tables().values()) {
            if (t.kind() != TableKind.EDGE) {
                continue;
            }
            Optional<EdgeType> e = catalog.edgeType(t.typeName());
            if (e.isPresent() && nodeTables.containsKey(e.get().from()) && nodeTables.containsKey(e.get().to())) {
                out.put(t.tableKey(), new Endpoints(nodeTables.get(e.get().from()), nodeTables.get(e.get().to())));
            }
        }
        return out;
    }

    @Override
    public List<MergeConflict> validate(MergedResult r) {
        Map<String, Endpoints> map = endpoints.apply(r.schema());
        List<MergeConflict> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Map<String, StringColumn> deleted = new HashMap<>();
        for (TableMergeDelta d : r.deltas().values()) {
            if (d.schema().kind() == TableKind.NODE && !d.deletes().isEmpty()) {
                ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, d.deletes().size());
                b.plainOnly();
                d.deletes().forEach(b::append);
                deleted.put(d.tableKey(), b.build());
            }
        }
        for (Map.Entry<String, Endpoints> e : map.entrySet()) {
            String edgeKey = e.getKey();
            Endpoints ep = e.getValue();
            Optional<TableMergeDelta> d = r.delta(edgeKey);
            if (d.isPresent()) {
                for (RowRef row : d.get().upserts().values()) {
                    String src = ((StringColumn) row.data().column(1)).getString(row.row());
                    String dst = ((StringColumn) row.data().column(2)).getString(row.row());
                    if (!r.contains(ep.fromTable(), src) || !r.contains(ep.toTable(), dst)) {
                        out.add(conflict(r, edgeKey, row.id(), src, dst, ep, r.contains(ep.fromTable(), src) ? dst : src));
                        reported.add(row.id());
                    }
                }
            }
            StringColumn goneFrom = deleted.get(ep.fromTable());
            StringColumn goneTo = deleted.get(ep.toTable());
            if (goneFrom == null && goneTo == null) {
                continue;
            }
            IdIndex fromIdx = goneFrom == null ? null : IdIndex.build(goneFrom);
            IdIndex toIdx = goneTo == null ? null : IdIndex.build(goneTo);
            TableData t = r.target().table(edgeKey);
            StringColumn ids = t.ids();
            StringColumn srcCol = (StringColumn) t.column(1);
            StringColumn dstCol = (StringColumn) t.column(2);
            for (int i = 0; i < t.rowCount(); i++) {
                boolean srcGone = fromIdx != null && fromIdx.find(srcCol, i) >= 0;
                boolean dstGone = toIdx != null && toIdx.find(dstCol, i) >= 0;
                if (!srcGone && !dstGone) {
                    continue;
                }
                String id = ids.getString(i);
                if (reported.contains(id) || (d.isPresent() && (d.get().upserts().containsKey(id) || d.get().deletes().contains(id)))) {
                    continue;
                }
                String src = srcCol.getString(i);
                String dst = dstCol.getString(i);
                out.add(conflict(r, edgeKey, id, src, dst, ep, srcGone ? src : dst));
                reported.add(id);
            }
        }
        return out;
    }

    private static MergeConflict conflict(MergedResult r, String edgeKey, String id, String src, String dst, Endpoints ep,
                                          String missing) {
        TableSchema es = r.tableSchema(edgeKey);
        String missingTable = missing.equals(src) && !r.contains(ep.fromTable(), src) ? ep.fromTable() : ep.toTable();
        String nodeType = r.tableSchema(missingTable).typeName();
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<MergeConflict.PropertyValues> props = List.of(
                new MergeConflict.PropertyValues("src", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(f.textNode(src))),
                new MergeConflict.PropertyValues("dst", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(f.textNode(dst))));
        return MergeConflict.validation(MergeConflictKind.ORPHAN_EDGE, TableKind.EDGE, es.typeName(), edgeKey, Optional.of(id),
                props, "edge " + es.typeName() + " '" + id + "' (" + src + " -> " + dst + ") would point to node "
                        + nodeType + " '" + missing + "', which the merged result does not have (one side deleted it "
                        + "while the other linked it)");
    }
}
