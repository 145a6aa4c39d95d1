package io.omnigraph.engine.write;

import io.omnigraph.engine.commit.IdSet;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One table's part of a prepared write, with its key-level classification (see
 * {@link io.omnigraph.engine.commit.TableFootprint}):
 *
 * @param upserts         rows to write (unique ids); for {@code replace} the table's whole new content
 * @param deletes         ids to remove that exist in the base
 * @param replace         the table's content becomes exactly {@code upserts} (load overwrite)
 * @param strictInserts   written ids that must not exist (fresh ULIDs, append loads)
 * @param upsertsNew      written ids absent at the base (last writer wins)
 * @param upsertsExisting written ids present at the base (last writer wins)
 * @param updates         ids rewritten from what was read (update statements)
 * @param reads           base ids the write depended on without writing them
 * @param readsWholeTable the write depended on the whole table (predicate scans, uniqueness, cardinality)
 * @param blind           upserts were not classified against the base (the table was not read): every written id is
 *                        counted as new and the table's live-row count becomes an estimate
 */
public record TableWrite(TableSchema schema, TableData upserts, List<String> deletes, boolean replace,
                         IdSet strictInserts, IdSet upsertsNew, IdSet upsertsExisting, IdSet updates, Set<String> reads,
                         boolean readsWholeTable, boolean blind) {
    public TableWrite {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(upserts, "upserts");
        deletes = List.copyOf(deletes);
        reads = Set.copyOf(reads);
    }

    /** A table only read (for the footprint): no rows written. */
    public static TableWrite readOnly(TableSchema schema, Set<String> reads, boolean wholeTable) {
        return new TableWrite(schema, TableData.empty(schema), List.of(), false, IdSet.empty(), IdSet.empty(),
                IdSet.empty(), IdSet.empty(), reads, wholeTable, false);
    }

    public boolean writes() {
        return replace || upserts.rowCount() > 0 || !deletes.isEmpty();
    }

    /** The change of the table's live row count. */
    public long liveRowDelta() {
        if (replace) {
            return upserts.rowCount();
        }
        return (long) strictInserts.size() + upsertsNew.size() - deletes.size();
    }

    public TableWrite withReads(Set<String> moreReads, boolean wholeTable) {
        java.util.Set<String> all = new java.util.HashSet<>(reads);
        all.addAll(moreReads);
        return new TableWrite(schema, upserts, deletes, replace, strictInserts, upsertsNew, upsertsExisting, updates, all,
                readsWholeTable || wholeTable, blind);
    }
}
