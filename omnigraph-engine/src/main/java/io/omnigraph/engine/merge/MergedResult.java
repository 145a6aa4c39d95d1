package io.omnigraph.engine.merge;

import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merged candidate a {@link MergeValidator} checks before anything is published: the target snapshot (the
 * committed view) plus, per table, the rows the merge changes. Lookups and scans answer for the merged state.
 */
public final class MergedResult {
    private final Snapshot target;
    private final Map<String, TableMergeDelta> deltas;
    private final Map<String, TableData> merged = new ConcurrentHashMap<>();

    public MergedResult(Snapshot target, Map<String, TableMergeDelta> deltas) {
        this.target = target;
        this.deltas = Collections.unmodifiableMap(new TreeMap<>(deltas));
    }

    /** The target branch's snapshot the merge applies to. */
    public Snapshot target() {
        return target;
    }

    public SchemaObject schema() {
        return target.schema();
    }

    /** Per table key, the rows the merge changes (tables it does not change are absent). */
    public Map<String, TableMergeDelta> deltas() {
        return deltas;
    }

    public Optional<TableMergeDelta> delta(String tableKey) {
        return Optional.ofNullable(deltas.get(tableKey));
    }

    /** The merged row of {@code id} in a table, or empty when the merged result does not have it. */
    public Optional<RowRef> find(String tableKey, String id) {
        TableMergeDelta d = deltas.get(tableKey);
        if (d != null) {
            RowRef up = d.upserts().get(id);
            if (up != null) {
                return Optional.of(up);
            }
            if (d.deletes().contains(id)) {
                return Optional.empty();
            }
        }
        TableData t = target.table(tableKey);
        int r = t.rowOf(id);
        return r < 0 ? Optional.empty() : Optional.of(new RowRef(t, r));
    }

    /** True when the merged table holds {@code id}. */
    public boolean contains(String tableKey, String id) {
        return find(tableKey, id).isPresent();
    }

    /**
     * The whole merged table (target rows the merge does not touch, then the merged rows), materialized on first
     * use. Costs a scan of the target table; validators use it for whole-table rules (uniqueness, cardinality).
     */
    public TableData table(String tableKey) {
        return merged.computeIfAbsent(tableKey, k -> {
            TableData t = target.table(k);
            TableMergeDelta d = deltas.get(k);
            if (d == null || d.isEmpty()) {
                return t;
            }
            List<RowRef> rows = new ArrayList<>(t.rowCount() + d.upserts().size());
            for (int r = 0; r < t.rowCount(); r++) {
                String id = t.ids().getString(r);
                if (!d.upserts().containsKey(id) && !d.deletes().contains(id)) {
                    rows.add(new RowRef(t, r));
                }
            }
            rows.addAll(d.upserts().values());
            return io.omnigraph.engine.diff.RowGather.gather(t.schema(), rows);
        });
    }

    public TableSchema tableSchema(String tableKey) {
        return target.tableSchema(tableKey);
    }
}
