package io.omnigraph.engine.merge;

import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merged candidate a {@link MergeValidator} checks before anything is published: the target snapshot (the
 * committed view) plus, per table, the rows the merge changes. Lookups answer for the merged state.
 */
public final class MergedResult {
    private final Snapshot target;
    private final Map<String, TableMergeDelta> deltas;

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

    public TableSchema tableSchema(String tableKey) {
        return target.tableSchema(tableKey);
    }
}
