package io.omnigraph.engine.maintenance;

import java.util.List;
import java.util.Optional;

/**
 * What {@code optimize} did to one table (a "dataset" in the wire vocabulary).
 *
 * @param typeKey        the table key ({@code node:<type id>:<incarnation>} style, stable across renames)
 * @param typeName       the type's current name
 * @param segmentsBefore segments in the head commit before optimize
 * @param segmentsAfter  segments after (1, or 0 for an empty table, when compacted; unchanged when skipped)
 * @param liveRows       live rows of the table (unchanged by optimize)
 * @param committed      the compaction is part of the published optimize commit
 * @param skipped        why the table was left alone ({@code nothing_to_compact}), empty when compacted
 * @param pendingIndexes indexes the index hook reports as not (yet) built, e.g. untrainable vector indexes
 */
public record TableOptimizeStats(String typeKey, String typeName, int segmentsBefore, int segmentsAfter, long liveRows,
                                 boolean committed, Optional<String> skipped, List<PendingIndex> pendingIndexes) {
    public TableOptimizeStats {
        pendingIndexes = List.copyOf(pendingIndexes);
    }

    /** An index that is declared but not built, and why. */
    public record PendingIndex(String property, String reason) {
    }
}
