package io.omnigraph.engine.commit;

import io.omnigraph.engine.error.EngineException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Stock {@link Rebaser}s. */
public final class Rebasers {
    private Rebasers() {
    }

    /** Never re-applies: any concurrent commit is a {@code read_set_conflict} (strict whole-branch read set). */
    public static Rebaser never() {
        return ctx -> RebaseDecision.fail(new EngineException.ReadSetConflict("branch:" + ctx.current().name(),
                ctx.base().headCommitId(), ctx.current().headCommitId(), "branch '" + ctx.current().name()
                + "' moved from " + ctx.base().headCommitId() + " to " + ctx.current().headCommitId()
                + " while this write was prepared; re-read and retry"));
    }

    /** Always re-applies the draft unchanged (for writes that commute with anything, e.g. table-disjoint tests). */
    public static Rebaser always() {
        return ctx -> RebaseDecision.retry(ctx.draft());
    }

    /**
     * Key-level rebase (engine.md §4.4): re-applies the draft when the concurrent commits changed nothing it depends
     * on, adjusting live-row deltas of blind upserts; otherwise fails with a typed conflict:
     * <ul>
     *   <li>schema changed concurrently, or the draft changes the schema, → {@code read_set_conflict};</li>
     *   <li>a table the draft replaces/drops, or reads wholesale, changed → {@code read_set_conflict};</li>
     *   <li>a table the draft touches was replaced concurrently → {@code read_set_conflict};</li>
     *   <li>an id in {@code strictInserts} was created concurrently → {@code key_conflict};</li>
     *   <li>an id in {@code updates}, {@code deletes} or {@code reads} changed → {@code read_set_conflict};</li>
     *   <li>{@code upsertsNew} created concurrently / {@code upsertsExisting} deleted concurrently → reclassified.</li>
     * </ul>
     * Without a keyed footprint ({@link KeyFootprint#unknown()}), or for a changed table the footprint does not
     * cover, any concurrent change to a table the draft changes is a conflict; changes to other tables are not.
     */
    public static Rebaser keyLevel() {
        return Rebasers::keyLevel;
    }

    private static RebaseDecision keyLevel(RebaseContext ctx) {
        CommitDraft draft = ctx.draft();
        ChangeSet changes = ctx.concurrentChanges();
        String branch = ctx.current().name();
        if (changes.schemaChanged() || (draft.newSchema().isPresent() && !changes.isEmpty())) {
            return conflict("schema", ctx, "the schema of branch '" + branch + "' changed concurrently");
        }
        for (Map.Entry<String, TableChange> e : draft.changes().entrySet()) {
            String table = e.getKey();
            if (!(e.getValue() instanceof TableChange.Append) && changes.touched(table)) {
                return conflict("table:" + table, ctx, "table '" + table + "' changed concurrently while this write replaces it");
            }
            if (changes.replaced(table)) {
                return conflict("table:" + table, ctx, "table '" + table + "' was rewritten concurrently");
            }
            if ((!draft.footprint().keyed() || draft.footprint().table(table).isEmpty()) && changes.touched(table)) {
                return conflict("table:" + table, ctx, "table '" + table + "' changed concurrently");
            }
        }
        if (!draft.footprint().keyed()) {
            return RebaseDecision.retry(draft);
        }
        Map<String, TableChange> newChanges = new LinkedHashMap<>(draft.changes());
        KeyFootprint newFootprint = draft.footprint();
        for (Map.Entry<String, TableFootprint> e : draft.footprint().tables().entrySet()) {
            String table = e.getKey();
            TableFootprint fp = e.getValue();
            if (!changes.touched(table)) {
                continue;
            }
            if (changes.replaced(table) || fp.readsWholeTable()) {
                return conflict("table:" + table, ctx, "table '" + table + "' changed concurrently and this write read it");
            }
            Set<String> nowExisting = new HashSet<>();
            Set<String> nowAbsent = new HashSet<>();
            EngineException[] failure = new EngineException[1];
            changes.forEachChange(table, (ids, row, op) -> {
                if (failure[0] != null) {
                    return;
                }
                if (fp.strictInserts().contains(ids, row)) {
                    if (op == ChangeSet.Op.UPSERT) {
                        failure[0] = new EngineException.KeyConflict(table, ids.getString(row));
                    }
                } else if (fp.updates().contains(ids, row) || fp.deletes().contains(ids, row) || fp.reads().contains(ids, row)) {
                    String id = ids.getString(row);
                    failure[0] = new EngineException.ReadSetConflict("row:" + table + "/" + id, ctx.base().headCommitId(),
                            ctx.current().headCommitId(), "id '" + id + "' of table '" + table
                            + "' was changed concurrently by another write; re-read and retry");
                } else if (op == ChangeSet.Op.UPSERT && fp.upsertsNew().contains(ids, row)) {
                    nowExisting.add(ids.getString(row));
                } else if (op == ChangeSet.Op.DELETE && fp.upsertsExisting().contains(ids, row)) {
                    nowAbsent.add(ids.getString(row));
                }
            });
            if (failure[0] != null) {
                return RebaseDecision.fail(failure[0]);
            }
            if (!nowExisting.isEmpty() || !nowAbsent.isEmpty()) {
                TableFootprint adjusted = fp.withUpserts(fp.upsertsNew().adjusted(nowExisting, nowAbsent),
                        fp.upsertsExisting().adjusted(nowAbsent, nowExisting));
                newFootprint = newFootprint.with(table, adjusted);
                TableChange tc = newChanges.get(table);
                if (tc instanceof TableChange.Append a) {
                    newChanges.put(table, new TableChange.Append(a.segments(),
                            a.liveRowDelta() - nowExisting.size() + nowAbsent.size(), a.exactDelta()));
                }
            }
        }
        return RebaseDecision.retry(draft.withChanges(newChanges, newFootprint));
    }

    private static RebaseDecision conflict(String member, RebaseContext ctx, String message) {
        return RebaseDecision.fail(new EngineException.ReadSetConflict(member, ctx.base().headCommitId(),
                ctx.current().headCommitId(), message + " (head moved from " + ctx.base().headCommitId() + " to "
                + ctx.current().headCommitId() + "); re-read and retry"));
    }
}
