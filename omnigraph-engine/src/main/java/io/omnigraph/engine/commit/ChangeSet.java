package io.omnigraph.engine.commit;

import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.segment.SegmentKind;
import io.omnigraph.engine.table.RowKeySet;
import io.omnigraph.engine.table.StringColumn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two commits of one first-parent chain, per table and per id, computed from the segments the
 * commits in between appended (their id columns only; no table scans). A table whose segment list was not extended
 * but rewritten (overwrite, compaction, drop, creation) is reported as {@link #replaced(String)} with no per-id detail.
 */
public final class ChangeSet {
    /** The net effect on one id: the newest segment that names it decides. */
    public enum Op { UPSERT, DELETE }

    /** Receives each changed id once, newest change first. */
    @FunctionalInterface
    public interface Visitor {
        void visit(StringColumn ids, int row, Op op);
    }

    /** Appended id columns (oldest first) and kinds of one table, or a replacement. */
    record TableDelta(boolean replaced, List<StringColumn> ids, List<SegmentKind> kinds) {
    }

    private final List<Commit> commits;
    private final boolean schemaChanged;
    private final Map<String, TableDelta> tables;

    ChangeSet(List<Commit> commits, boolean schemaChanged, Map<String, TableDelta> tables) {
        this.commits = List.copyOf(commits);
        this.schemaChanged = schemaChanged;
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The commits in between (exclusive of the start, inclusive of the end), oldest first. */
    public List<Commit> commits() {
        return commits;
    }

    public boolean isEmpty() {
        return commits.isEmpty();
    }

    /** True when any commit in between changed the schema digest. */
    public boolean schemaChanged() {
        return schemaChanged;
    }

    /** Tables with any change (appended segments or replacement). */
    public Set<String> touchedTables() {
        return Collections.unmodifiableSet(new TreeSet<>(tables.keySet()));
    }

    public boolean touched(String tableKey) {
        return tables.containsKey(tableKey);
    }

    /** True when the table's segment list was rewritten (or the table created/dropped) rather than extended. */
    public boolean replaced(String tableKey) {
        TableDelta d = tables.get(tableKey);
        return d != null && d.replaced();
    }

    /** Visits every id changed in an extended (not replaced) table, once, with its net operation. */
    public void forEachChange(String tableKey, Visitor visitor) {
        TableDelta d = tables.get(tableKey);
        if (d == null || d.replaced()) {
            return;
        }
        int total = 0;
        for (StringColumn c : d.ids()) {
            total += c.size();
        }
        RowKeySet seen = new RowKeySet(d.ids(), total);
        for (int i = d.ids().size() - 1; i >= 0; i--) {
            StringColumn c = d.ids().get(i);
            Op op = d.kinds().get(i) == SegmentKind.DELETE ? Op.DELETE : Op.UPSERT;
            for (int r = 0; r < c.size(); r++) {
                if (seen.add(i, r)) {
                    visitor.visit(c, r, op);
                }
            }
        }
    }

    /** The net changes of a table as a map (boxed; for tests and small deltas). */
    public Map<String, Op> changes(String tableKey) {
        Map<String, Op> m = new LinkedHashMap<>();
        forEachChange(tableKey, (ids, row, op) -> m.put(ids.getString(row), op));
        return m;
    }
}
