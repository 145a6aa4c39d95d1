package io.omnigraph.engine.commit;

import java.util.Objects;

/**
 * What one write does to one table, at key level, relative to the snapshot it was prepared on:
 * <ul>
 *   <li>{@code strictInserts}: new ids that must not exist (load append, unkeyed inserts). A concurrent writer that
 *       creates one of them makes this write fail with {@code key_conflict}.</li>
 *   <li>{@code upsertsNew} / {@code upsertsExisting}: blind writes by id (keyed insert, load merge) of ids absent /
 *       present at the base; last writer wins, and a rebase only reclassifies ids (the live-row delta follows).</li>
 *   <li>{@code updates} / {@code deletes}: rewrites and removals computed from what was read; any concurrent change
 *       to those ids is a {@code read_set_conflict}.</li>
 *   <li>{@code reads}: ids whose existence or value the write depended on (e.g. edge endpoints in a node table);
 *       concurrently changed → {@code read_set_conflict}.</li>
 *   <li>{@code readsWholeTable}: a predicate scan, uniqueness or cardinality check over the table; any concurrent
 *       change to the table → {@code read_set_conflict}.</li>
 * </ul>
 * Live-row delta of the write = |strictInserts| + |upsertsNew| − |deletes|.
 */
public record TableFootprint(IdSet strictInserts, IdSet upsertsNew, IdSet upsertsExisting, IdSet updates,
                             IdSet deletes, IdSet reads, boolean readsWholeTable) {
    public TableFootprint {
        Objects.requireNonNull(strictInserts);
        Objects.requireNonNull(upsertsNew);
        Objects.requireNonNull(upsertsExisting);
        Objects.requireNonNull(updates);
        Objects.requireNonNull(deletes);
        Objects.requireNonNull(reads);
    }

    public static TableFootprint none() {
        return new TableFootprint(IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), false);
    }

    public static TableFootprint strictInserts(IdSet ids) {
        return none().withStrictInserts(ids);
    }

    public static TableFootprint upserts(IdSet absentAtBase, IdSet presentAtBase) {
        return new TableFootprint(IdSet.empty(), absentAtBase, presentAtBase, IdSet.empty(), IdSet.empty(), IdSet.empty(), false);
    }

    public static TableFootprint updates(IdSet ids) {
        return new TableFootprint(IdSet.empty(), IdSet.empty(), IdSet.empty(), ids, IdSet.empty(), IdSet.empty(), false);
    }

    public static TableFootprint deletes(IdSet ids) {
        return new TableFootprint(IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), ids, IdSet.empty(), false);
    }

    public static TableFootprint reading(IdSet ids) {
        return new TableFootprint(IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), ids, false);
    }

    public static TableFootprint wholeTableRead() {
        return new TableFootprint(IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), IdSet.empty(), true);
    }

    public TableFootprint withStrictInserts(IdSet ids) {
        return new TableFootprint(ids, upsertsNew, upsertsExisting, updates, deletes, reads, readsWholeTable);
    }

    public TableFootprint withUpserts(IdSet absentAtBase, IdSet presentAtBase) {
        return new TableFootprint(strictInserts, absentAtBase, presentAtBase, updates, deletes, reads, readsWholeTable);
    }

    public TableFootprint withUpdates(IdSet ids) {
        return new TableFootprint(strictInserts, upsertsNew, upsertsExisting, ids, deletes, reads, readsWholeTable);
    }

    public TableFootprint withDeletes(IdSet ids) {
        return new TableFootprint(strictInserts, upsertsNew, upsertsExisting, updates, ids, reads, readsWholeTable);
    }

    public TableFootprint withReads(IdSet ids) {
        return new TableFootprint(strictInserts, upsertsNew, upsertsExisting, updates, deletes, ids, readsWholeTable);
    }

    public TableFootprint withWholeTableRead(boolean value) {
        return new TableFootprint(strictInserts, upsertsNew, upsertsExisting, updates, deletes, reads, value);
    }

    /** |strictInserts| + |upsertsNew| − |deletes|. */
    public long liveRowDelta() {
        return (long) strictInserts.size() + upsertsNew.size() - deletes.size();
    }

    public boolean writes() {
        return !strictInserts.isEmpty() || !upsertsNew.isEmpty() || !upsertsExisting.isEmpty() || !updates.isEmpty()
                || !deletes.isEmpty();
    }
}
