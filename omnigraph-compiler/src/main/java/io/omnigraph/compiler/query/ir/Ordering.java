package io.omnigraph.compiler.query.ir;

import java.util.List;
import java.util.Optional;

/**
 * The {@code order} clause.
 * <ul>
 *   <li>Ranking mode ({@link #ranking()} present): the first order item was {@code nearest}, {@code bm25} or
 *       {@code rrf}; it defines the order entirely (later items are ignored, as in the original).</li>
 *   <li>Otherwise {@link #keys()} in priority order, then the total-order tie-break: ascending by every column of
 *       {@link #tieBreakColumns()} (non-aggregate queries only). NULLs sort first ascending, last descending.</li>
 * </ul>
 */
public record Ordering(Optional<RankExpr> ranking, List<SortKey> keys, List<String> tieBreakColumns) {
    public Ordering {
        keys = List.copyOf(keys);
        tieBreakColumns = List.copyOf(tieBreakColumns);
    }

    /**
     * A sort key: an expression over the wide row ({@code $v.prop}, bare {@code $v}) or a projected column
     * ({@code column} present, e.g. an alias or a group key of an aggregate query; then sort by that output column).
     */
    public record SortKey(TypedExpr expr, Optional<String> column, boolean descending) {
    }
}
