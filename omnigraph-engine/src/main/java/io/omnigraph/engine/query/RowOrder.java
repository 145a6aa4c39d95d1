package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.engine.index.Cells;
import io.omnigraph.engine.index.IntComparator;
import io.omnigraph.engine.index.IntSorts;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.StringColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sorting of relation rows (non-aggregate queries, spec §2.6 / engine.md §5.6): user keys ({@code $v.prop} or a bare
 * {@code $v}, NULLs first ascending and last descending), then every tie-break column ({@code <var>.id}, ascending),
 * then the row position, so the order is total and {@code order … limit n} is deterministic. Key values are gathered
 * into primitive arrays once; strings compare byte-wise in place.
 */
final class RowOrder {
    private RowOrder() {
    }

    static IntComparator comparator(Relation rel, Layout layout, Ordering ordering, ExecContext ctx) {
        List<IntComparator> parts = new ArrayList<>();
        for (Ordering.SortKey k : ordering.keys()) {
            switch (k.expr()) {
                case TypedExpr.PropRef r -> {
                    Slot s = layout.get(r.var());
                    parts.add(key(ctx.graph.column(s.type(), r.property()), rel.cols[s.index()], rel.size, k.descending()));
                }
                case TypedExpr.NodeIdRef n -> {
                    Slot s = layout.get(n.var());
                    parts.add(key(s.table().ids(), rel.cols[s.index()], rel.size, k.descending()));
                }
                default -> {
                    // constants (aliases of literals, parameters, now()) do not change the order
                }
            }
        }
        for (String column : ordering.tieBreakColumns()) {
            String var = column.substring(0, column.length() - ".id".length());
            layout.find(var).ifPresent(s -> {
                if (rel.cols[s.index()] != null) {
                    parts.add(key(s.table().ids(), rel.cols[s.index()], rel.size, false));
                }
            });
        }
        IntComparator[] cs = parts.toArray(IntComparator[]::new);
        return (a, b) -> {
            for (IntComparator c : cs) {
                int r = c.compare(a, b);
                if (r != 0) {
                    return r;
                }
            }
            return Integer.compare(a, b);
        };
    }

    /** Positions {@code 0..size-1} in order, truncated to {@code limit}. */
    static int[] order(int size, IntComparator cmp, OptionalLong limit) {
        int[] pos = new int[size];
        for (int i = 0; i < size; i++) {
            pos[i] = i;
        }
        if (limit.isPresent() && limit.getAsLong() < size / 4) {
            return IntSorts.topK(pos, size, (int) limit.getAsLong(), cmp);
        }
        IntSorts.sort(pos, cmp);
        if (limit.isPresent() && limit.getAsLong() < size) {
            return java.util.Arrays.copyOf(pos, (int) limit.getAsLong());
        }
        return pos;
    }

    private static IntComparator key(Column c, int[] rows, int n, boolean desc) {
        boolean nullable = c.hasNulls();
        boolean[] nulls = null;
        if (nullable) {
            nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = c.isNull(rows[i]);
            }
        }
        IntComparator natural = switch (Cells.domain(c)) {
            case LONG -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Cells.longAt(c, rows[i]);
                }
                yield (a, b) -> Long.compare(v[a], v[b]);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Cells.doubleAt(c, rows[i]);
                }
                yield (a, b) -> Cells.compareDoubles(v[a], v[b]);
            }
            case BYTES -> {
                StringColumn s = (StringColumn) c;
                yield (a, b) -> Cells.compareStrings(s, rows[a], s, rows[b]);
            }
            case OTHER -> throw new IllegalArgumentException("cannot order by a " + c.type().text() + " column");
        };
        if (nulls == null) {
            return desc ? (a, b) -> natural.compare(b, a) : natural;
        }
        boolean[] nl = nulls;
        return (a, b) -> {
            if (nl[a] || nl[b]) {
                if (nl[a] && nl[b]) {
                    return 0;
                }
                return nl[a] ? (desc ? 1 : -1) : (desc ? -1 : 1);
            }
            return desc ? natural.compare(b, a) : natural.compare(a, b);
        };
    }
}
