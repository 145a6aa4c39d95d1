package io.omnigraph.engine.index;

import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.StringColumn;

import java.util.Arrays;

/**
 * Equality index over one scalar column: distinct values → the rows holding them (ascending). Open addressing over
 * value groups, rows in one CSR array; no per-row objects. Null cells are not indexed (NULL never equals anything).
 * Numeric lookups compare by exact value across widths. Immutable and thread-safe.
 */
public final class HashIndex {
    private static final int[] NONE = new int[0];
    private final Column column;
    private final Cells.Domain domain;
    private final int[] slots;      // slot -> group, -1 empty
    private final int mask;
    private final int[] groupRow;   // a representative row per group
    private final int[] offsets;    // group -> [offsets[g], offsets[g+1]) in rows
    private final int[] rows;
    private final int[] groupOfRow; // -1 for null cells
    private final int groups;

    private HashIndex(Column column) {
        this.column = column;
        this.domain = Cells.domain(column);
        if (domain == Cells.Domain.OTHER) {
            throw new IllegalArgumentException("cannot hash-index a " + column.type().text() + " column");
        }
        int n = column.size();
        int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        slots = new int[cap];
        Arrays.fill(slots, -1);
        mask = cap - 1;
        int[] rowGroup = new int[n];
        int[] reps = new int[Math.max(16, n / 4)];
        int[] counts = new int[reps.length];
        int g = 0;
        for (int r = 0; r < n; r++) {
            if (column.isNull(r)) {
                rowGroup[r] = -1;
                continue;
            }
            int slot = hashRow(r) & mask;
            int found = -1;
            while (true) {
                int e = slots[slot];
                if (e < 0) {
                    break;
                }
                if (sameRow(reps[e], r)) {
                    found = e;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (found < 0) {
                if (g == reps.length) {
                    reps = Arrays.copyOf(reps, g * 2);
                    counts = Arrays.copyOf(counts, g * 2);
                }
                found = g++;
                reps[found] = r;
                slots[slot] = found;
            }
            rowGroup[r] = found;
            counts[found]++;
        }
        groups = g;
        groupOfRow = rowGroup;
        groupRow = Arrays.copyOf(reps, g);
        offsets = new int[g + 1];
        for (int i = 0; i < g; i++) {
            offsets[i + 1] = offsets[i] + counts[i];
        }
        rows = new int[offsets[g]];
        int[] fill = Arrays.copyOf(offsets, g);
        for (int r = 0; r < n; r++) {
            if (rowGroup[r] >= 0) {
                rows[fill[rowGroup[r]]++] = r;
            }
        }
    }

    public static HashIndex build(Column column) {
        return new HashIndex(column);
    }

    /** True when the column type can be hash-indexed. */
    public static boolean supports(Column column) {
        return Cells.domain(column) != Cells.Domain.OTHER;
    }

    private int hashRow(int r) {
        return switch (domain) {
            case LONG -> Cells.mix(Cells.longAt(column, r));
            case DOUBLE -> Cells.mix(Cells.doubleKey(Cells.doubleAt(column, r)));
            case BYTES -> ((StringColumn) column).hashAt(r);
            case OTHER -> throw new IllegalStateException();
        };
    }

    private boolean sameRow(int a, int b) {
        return switch (domain) {
            case LONG -> Cells.longAt(column, a) == Cells.longAt(column, b);
            case DOUBLE -> Cells.doubleAt(column, a) == Cells.doubleAt(column, b);
            case BYTES -> Cells.equalStrings((StringColumn) column, a, (StringColumn) column, b);
            case OTHER -> false;
        };
    }

    /** Rows whose value equals the probe, ascending (a fresh array). */
    public int[] lookup(Probe probe) {
        int g = group(probe);
        return g < 0 ? NONE : Arrays.copyOfRange(rows, offsets[g], offsets[g + 1]);
    }

    /** Number of rows equal to the probe. */
    public int count(Probe probe) {
        int g = group(probe);
        return g < 0 ? 0 : offsets[g + 1] - offsets[g];
    }

    private int group(Probe probe) {
        int hash;
        switch (domain) {
            case LONG -> {
                long v;
                switch (probe) {
                    case Probe.Long l -> v = l.value();
                    case Probe.Double d -> {
                        double x = d.value();
                        if (!(x >= -0x1p63 && x < 0x1p63) || x != Math.rint(x)) {
                            return -1;
                        }
                        v = (long) x;
                    }
                    case Probe.Bytes b -> {
                        return -1;
                    }
                }
                hash = Cells.mix(v);
                for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                    int e = slots[slot];
                    if (e < 0) {
                        return -1;
                    }
                    if (Cells.longAt(column, groupRow[e]) == v) {
                        return e;
                    }
                }
            }
            case DOUBLE -> {
                double v;
                switch (probe) {
                    case Probe.Long l -> {
                        double x = (double) l.value();
                        if (Cells.compareLongDouble(l.value(), x) != 0) {
                            return -1; // no double equals this long exactly
                        }
                        v = x;
                    }
                    case Probe.Double d -> v = d.value();
                    case Probe.Bytes b -> {
                        return -1;
                    }
                }
                hash = Cells.mix(Cells.doubleKey(v));
                for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                    int e = slots[slot];
                    if (e < 0) {
                        return -1;
                    }
                    if (Cells.doubleAt(column, groupRow[e]) == v) {
                        return e;
                    }
                }
            }
            case BYTES -> {
                if (!(probe instanceof Probe.Bytes b)) {
                    return -1;
                }
                byte[] u = b.utf8();
                hash = StringColumn.hash(u, 0, u.length);
                StringColumn sc = (StringColumn) column;
                for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                    int e = slots[slot];
                    if (e < 0) {
                        return -1;
                    }
                    if (sc.equalsUtf8(groupRow[e], u)) {
                        return e;
                    }
                }
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * A dense id of the value in {@code row}: equal values have equal ids, {@code -1} for NULL. Lets grouping compare
     * values as ints.
     */
    public int valueId(int row) {
        return groupOfRow[row];
    }

    /** Number of distinct non-null values. */
    public int distinctValues() {
        return groups;
    }

    public long estimatedBytes() {
        return 64 + 4L * (slots.length + groupRow.length + offsets.length + rows.length + groupOfRow.length);
    }
}
