package io.omnigraph.engine.diff;

import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entity-level diffs between commits (engine.md §3.2–§3.3), computed from the segments the two states do not share
 * ({@link TableDelta}), so the cost follows the size of the change, not of the tables.
 *
 * <ul>
 *   <li>{@link #commitChanges(Commit)}: a commit against its first parent (merge commits too; the merged parent is
 *       only named in the cause). Images are decoded with the commit-era schema. A table whose data changed in the
 *       same commit as its schema, or a dropped table that held rows, is refused ({@code schema_boundary}); the
 *       genesis commit is refused ({@code parentless_commit}).</li>
 *   <li>{@link #between(Commit, Commit)}: the net difference between any two commits (any branches): tables are
 *       paired by their rename-stable key and both sides are read under the newer schema (so renamed properties
 *       compare under their current names); a table only one side has contributes all its rows as inserts or
 *       deletes.</li>
 * </ul>
 * Both return changes in the frozen order ({@link EntityChange#ORDER}). Data reclaimed by cleanup surfaces as
 * {@link EngineException.Reclaimed}.
 */
public final class CommitDiff {
    private final GraphStore store;

    public CommitDiff(GraphStore store) {
        this.store = store;
    }

    /**
     * The changes commit {@code c} made relative to its first parent.
     *
     * @throws EngineException.ChangeDiffRefused genesis commit, or a schema boundary that rewrote or dropped data
     * @throws EngineException.Reclaimed         the data needed was reclaimed by cleanup
     */
    public List<EntityChange> commitChanges(Commit c) {
        return render(pendingChanges(c));
    }

    /** Like {@link #commitChanges} with the images not rendered yet. */
    public List<PendingChange> pendingChanges(Commit c) {
        Commit p = store.commit(c.firstParent().orElseThrow(() -> new EngineException.ChangeDiffRefused(
                EngineException.ChangeDiffRefused.Reason.PARENTLESS_COMMIT, c.id(), Optional.empty(),
                "commit '" + c.id() + "' is the genesis commit; it has no parent to diff against")));
        SchemaObject cs = store.schema(c.schemaDigest());
        SchemaObject ps = p.schemaDigest().equals(c.schemaDigest()) ? cs : store.schema(p.schemaDigest());
        List<PendingChange> out = new ArrayList<>();
        for (String key : keys(p, c)) {
            Optional<TableState> before = p.table(key);
            Optional<TableState> after = c.table(key);
            List<SegmentRef> bs = before.map(TableState::segments).orElse(List.of());
            List<SegmentRef> as = after.map(TableState::segments).orElse(List.of());
            if (bs.equals(as)) {
                continue;
            }
            TableSchema cts = after.isPresent() ? cs.table(key).orElseThrow() : null;
            TableSchema pts = before.isPresent() ? ps.table(key).orElseThrow() : null;
            if (cts == null) {
                if (hasRows(pts, bs)) {
                    throw boundary(c, pts, "dropped type " + pts.typeName() + " together with its data");
                }
                continue;
            }
            if (pts != null && !pts.fingerprint().equals(cts.fingerprint())) {
                throw boundary(c, cts, "changed the schema of " + cts.typeName() + " and its data in one commit");
            }
            out.addAll(diffTable(c.id(), readerFor(cts), bs, as));
        }
        out.sort(PendingChange.ORDER);
        return List.copyOf(out);
    }

    /** The net changes from commit {@code from} to commit {@code to} (any two commits of the graph). */
    public List<EntityChange> between(Commit from, Commit to) {
        if (from.id().equals(to.id())) {
            return List.of();
        }
        return render(pendingBetween(from, to));
    }

    /** Like {@link #between} with the images not rendered yet. */
    public List<PendingChange> pendingBetween(Commit from, Commit to) {
        if (from.id().equals(to.id())) {
            return List.of();
        }
        SchemaObject ts = store.schema(to.schemaDigest());
        SchemaObject fs = from.schemaDigest().equals(to.schemaDigest()) ? ts : store.schema(from.schemaDigest());
        List<PendingChange> out = new ArrayList<>();
        for (String key : keys(from, to)) {
            List<SegmentRef> bs = from.table(key).map(TableState::segments).orElse(List.of());
            List<SegmentRef> as = to.table(key).map(TableState::segments).orElse(List.of());
            if (bs.equals(as) && ts.table(key).isPresent()) {
                continue;
            }
            TableSchema schema = ts.table(key).orElseGet(() -> fs.table(key).orElseThrow());
            List<SegmentRef> after = to.table(key).isPresent() ? as : List.of();
            out.addAll(diffTable(to.id(), readerFor(schema), bs, after));
        }
        out.sort(PendingChange.ORDER);
        return List.copyOf(out);
    }

    /** Renders the images of every change. */
    public static List<EntityChange> render(List<PendingChange> changes) {
        List<EntityChange> out = new ArrayList<>(changes.size());
        for (PendingChange c : changes) {
            out.add(c.render());
        }
        return List.copyOf(out);
    }

    private TableReader readerFor(TableSchema schema) {
        return new TableReader(store.materializer(), schema);
    }

    private boolean hasRows(TableSchema schema, List<SegmentRef> segments) {
        return !segments.isEmpty() && store.materializer().load(schema,
                new TableState(schema.typeName(), schema.kind(), segments, 0)).rowCount() > 0;
    }

    private static Set<String> keys(Commit a, Commit b) {
        Set<String> keys = new TreeSet<>(a.tables().keySet());
        keys.addAll(b.tables().keySet());
        return keys;
    }

    private static EngineException.ChangeDiffRefused boundary(Commit c, TableSchema t, String what) {
        return new EngineException.ChangeDiffRefused(EngineException.ChangeDiffRefused.Reason.SCHEMA_BOUNDARY, c.id(),
                Optional.of(t.typeName()), "commit '" + c.id() + "' " + what + "; its entity changes cannot be "
                + "reconstructed (read the snapshots before and after it instead)");
    }

    static List<PendingChange> diffTable(String commitId, TableReader reader, List<SegmentRef> before, List<SegmentRef> after) {
        TableSchema schema = reader.schema();
        ChangeType type = new ChangeType(schema.tableKey(), schema.typeName());
        List<PendingChange> out = new ArrayList<>();
        List<TableDelta.Difference> diffs;
        try {
            diffs = TableDelta.between(reader, before, after);
        } catch (EngineException.NotFound e) {
            if (e.kind().equals("segment")) {
                throw new EngineException.Reclaimed(commitId, List.of(e.id()));
            }
            throw e;
        }
        for (TableDelta.Difference d : diffs) {
            ChangeOp op = d.before() == null ? ChangeOp.INSERT : d.after() == null ? ChangeOp.DELETE : ChangeOp.UPDATE;
            out.add(new PendingChange(schema.kind(), type, d.id(), op, d.before(), d.after()));
        }
        return out;
    }
}
