package io.omnigraph.engine.commit;

import io.omnigraph.engine.format.SegmentRef;

import java.util.List;

/**
 * What a draft does to one table. {@link Append} adds segments after the existing ones (re-appliable on a newer head
 * without re-uploading); {@link Replace} sets the whole segment list (load overwrite, compaction, a table created by a
 * schema change); {@link Drop} removes the table from the commit.
 */
public sealed interface TableChange permits TableChange.Append, TableChange.Replace, TableChange.Drop {

    /**
     * Appends segments; {@code liveRowDelta} is the change of the live row count (inserts − deletes).
     * {@code exactDelta} is false for a blind upsert that did not read the table: the delta then counts every
     * upserted id as new, and the table's count becomes an estimate.
     */
    record Append(List<SegmentRef> segments, long liveRowDelta, boolean exactDelta) implements TableChange {
        public Append {
            segments = List.copyOf(segments);
        }

        public Append(List<SegmentRef> segments, long liveRowDelta) {
            this(segments, liveRowDelta, true);
        }
    }

    /**
     * Replaces the table's segment list; {@code liveRows} is the resulting live row count, an upper bound when
     * {@code liveRowsEstimated} (a merge adopting another branch's table state carries its estimate over).
     */
    record Replace(List<SegmentRef> segments, long liveRows, boolean liveRowsEstimated) implements TableChange {
        public Replace {
            segments = List.copyOf(segments);
        }

        public Replace(List<SegmentRef> segments, long liveRows) {
            this(segments, liveRows, false);
        }
    }

    /** Removes the table (the schema of the commit must no longer list it). */
    record Drop() implements TableChange {
    }
}
