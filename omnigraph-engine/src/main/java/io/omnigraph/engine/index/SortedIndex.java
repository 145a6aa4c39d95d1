package io.omnigraph.engine.index;

import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.StringColumn;

import java.util.Arrays;
import java.util.Optional;

/**
 * Range index over one scalar column: the non-null rows sorted by (value, row). Serves {@code < <= > >= =} with
 * binary search; numeric bounds compare by exact value across widths. Immutable and thread-safe.
 */
public final class SortedIndex {
    private final Column column;
    private final Cells.Domain domain;
    private final int[] sorted;

    private SortedIndex(Column column) {
        this.column = column;
        this.domain = Cells.domain(column);
        if (domain == Cells.Domain.OTHER) {
            throw new IllegalArgumentException("cannot sort-index a " + column.type().text() + " column");
        }
        int n = column.size();
        int k = 0;
        int[] rows = new int[n];
        for (int r = 0; r < n; r++) {
            if (!column.isNull(r)) {
                rows[k++] = r;
            }
        }
        rows = k == n ? rows : Arrays.copyOf(rows, k);
        IntComparator cmp = switch (domain) {
            case LONG -> {
                long[] v = new long[n];
                for (int r : rows) {
                    v[r] = Cells.longAt(column, r);
                }
                yield (a, b) -> {
                    int c = Long.compare(v[a], v[b]);
                    return c != 0 ? c : Integer.compare(a, b);
                };
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int r : rows) {
                    v[r] = Cells.doubleAt(column, r);
                }
                yield (a, b) -> {
                    int c = Cells.compareDoubles(v[a], v[b]);
                    return c != 0 ? c : Integer.compare(a, b);
                };
            }
            case BYTES -> {
                StringColumn s = (StringColumn) column;
                yield (a, b) -> {
                    int c = Cells.compareStrings(s, a, s, b);
                    return c != 0 ? c : Integer.compare(a, b);
                };
            }
            case OTHER -> throw new IllegalStateException();
        };
        IntSorts.sort(rows, cmp);
        this.sorted = rows;
    }

    public static SortedIndex build(Column column) {
        return new SortedIndex(column);
    }

    public static boolean supports(Column column) {
        return Cells.domain(column) != Cells.Domain.OTHER;
    }

    /** A bound of a range: the probe and whether it is included. */
    public record Bound(Probe probe, boolean inclusive) {
    }

    /** Rows whose value lies within the bounds (either may be absent), ascending (a fresh array). */
    public int[] range(Optional<Bound> lower, Optional<Bound> upper) {
        int from = lower.map(b -> b.inclusive() ? firstAtLeast(b.probe()) : firstAbove(b.probe())).orElse(0);
        int to = upper.map(b -> b.inclusive() ? firstAbove(b.probe()) : firstAtLeast(b.probe())).orElse(sorted.length);
        if (to <= from) {
            return new int[0];
        }
        int[] out = Arrays.copyOfRange(sorted, from, to);
        Arrays.sort(out);
        return out;
    }

    /** Number of rows within the bounds. */
    public int count(Optional<Bound> lower, Optional<Bound> upper) {
        int from = lower.map(b -> b.inclusive() ? firstAtLeast(b.probe()) : firstAbove(b.probe())).orElse(0);
        int to = upper.map(b -> b.inclusive() ? firstAbove(b.probe()) : firstAtLeast(b.probe())).orElse(sorted.length);
        return Math.max(0, to - from);
    }

    /** First position whose value is {@code >= probe}. */
    private int firstAtLeast(Probe p) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Probe.compare(column, domain, sorted[mid], p) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First position whose value is {@code > probe}. */
    private int firstAbove(Probe p) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Probe.compare(column, domain, sorted[mid], p) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public long estimatedBytes() {
        return 48 + 4L * sorted.length;
    }
}
