package io.omnigraph.engine.merge;

/**
 * What a merge did, for cost assertions and diagnostics.
 *
 * @param tablesChanged   tables whose content the merge changes on the target
 * @param tablesAdopted   of those, tables the target had not touched since the base (source segment list adopted, no rows written)
 * @param candidateRows   ids examined by the row-level decision (the ids named by segments written since the base)
 * @param rowsUpserted    rows whose merged value is written (new or changed relative to the target)
 * @param rowsDeleted     rows removed from the target
 * @param rowsWritten     rows encoded into new segments (0 for adopted tables)
 * @param segmentsRead    distinct segments consulted (each at most one store read; none when cached)
 * @param attempts        merge attempts (more than 1 when the target moved while the merge was prepared)
 */
public record MergeStats(int tablesChanged, int tablesAdopted, long candidateRows, long rowsUpserted, long rowsDeleted,
                         long rowsWritten, long segmentsRead, int attempts) {
    public static MergeStats none(int attempts) {
        return new MergeStats(0, 0, 0, 0, 0, 0, 0, attempts);
    }
}
