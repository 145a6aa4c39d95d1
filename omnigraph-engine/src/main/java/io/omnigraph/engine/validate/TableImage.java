package io.omnigraph.engine.validate;

import io.omnigraph.engine.table.IdIndex;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The post-write image of one table: the committed base (loaded lazily) overlaid with a {@link TableDelta}. Answers
 * membership without materializing the image and iterates the retained base rows.
 */
final class TableImage {
    private final Supplier<TableData> baseLoader;
    private final Function<Set<String>, TableData> lookup;
    private final TableDelta delta;
    private TableData base;
    private TableData partial;
    private Set<String> partialIds;

    TableImage(Supplier<TableData> baseLoader, TableDelta delta) {
        this(baseLoader, ids -> baseLoader.get(), delta);
    }

    /** {@code lookup} answers point lookups of base ids ({@link io.omnigraph.engine.snapshot.TableLoader#lookup}). */
    TableImage(Supplier<TableData> baseLoader, Function<Set<String>, TableData> lookup, TableDelta delta) {
        this.baseLoader = baseLoader;
        this.lookup = lookup;
        this.delta = delta;
    }

    /**
     * Prepares membership answers for {@code ids} by a point lookup instead of loading the whole base (which stays
     * unloaded unless another check needs it). Later {@link #contains} calls for these ids use the lookup's rows.
     */
    boolean prefetch(Set<String> ids) {
        if (base != null || delta.replaceAll() || ids.isEmpty()) {
            return false;
        }
        if (partialIds != null && partialIds.containsAll(ids)) {
            return false;
        }
        Set<String> all = ids;
        if (partialIds != null) {
            all = new HashSet<>(partialIds);
            all.addAll(ids);
        }
        partial = lookup.apply(all);
        partialIds = all;
        return true;
    }

    /** The base rows to answer a membership question about {@code id}: the prefetched lookup, else the whole base. */
    private TableData baseFor(String id) {
        if (base == null && partialIds != null && partialIds.contains(id)) {
            return partial;
        }
        return base();
    }

    TableDelta delta() {
        return delta;
    }

    TableData upserts() {
        return delta.upserts();
    }

    boolean replaceAll() {
        return delta.replaceAll();
    }

    Set<String> deletes() {
        return delta.deletes();
    }

    /** The committed rows (before the write); empty when the write replaces the whole table. */
    TableData base() {
        if (base == null) {
            base = baseLoader.get();
        }
        return base;
    }

    boolean baseLoaded() {
        return base != null;
    }

    /** True when the base row survives the write (not deleted, not replaced by an upsert of the same id). */
    boolean retained(int baseRow) {
        if (delta.replaceAll()) {
            return false;
        }
        StringColumn ids = base().ids();
        if (!delta.deletes().isEmpty() && delta.deletes().contains(ids.getString(baseRow))) {
            return false;
        }
        return delta.upserts().rowCount() == 0 || delta.upserts().idIndex().find(ids, baseRow) < 0;
    }

    /** Membership in the image of the id held in {@code column[row]}; {@code baseProbe} learns base lookups. */
    boolean contains(StringColumn column, int row, BaseProbe baseProbe) {
        if (delta.upserts().rowCount() > 0 && delta.upserts().idIndex().find(column, row) >= 0) {
            return true;
        }
        if (delta.replaceAll()) {
            return false;
        }
        if (!delta.deletes().isEmpty() && delta.deletes().contains(column.getString(row))) {
            return false;
        }
        TableData b = base == null && partialIds != null ? baseFor(column.getString(row)) : base();
        if (b.rowCount() == 0) {
            return false;
        }
        IdIndex idx = b.idIndex();
        boolean found = idx.find(column, row) >= 0;
        baseProbe.probed(column, row);
        return found;
    }

    boolean contains(String id, BaseProbe baseProbe) {
        if (delta.upserts().rowCount() > 0 && delta.upserts().rowOf(id) >= 0) {
            return true;
        }
        if (delta.replaceAll() || delta.deletes().contains(id)) {
            return false;
        }
        TableData b = baseFor(id);
        if (b.rowCount() == 0) {
            return false;
        }
        baseProbe.probed(id);
        return b.rowOf(id) >= 0;
    }

    /** Records which base ids a check depended on. */
    interface BaseProbe {
        void probed(String id);

        default void probed(StringColumn column, int row) {
            probed(column.getString(row));
        }
    }
}
