package io.omnigraph.engine.table;

import java.util.Objects;

/** BOOL values as a bitset (bit set = true). */
public final class BoolColumn implements Column {
    private final long[] bits;
    private final int size;
    private final long[] nulls;

    public BoolColumn(long[] bits, int size, long[] nulls) {
        this.bits = Objects.requireNonNull(bits);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public ScalarType type() {
        return ScalarType.BOOL;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNull(int row) {
        return Nulls.isNull(nulls, row);
    }

    @Override
    public boolean hasNulls() {
        return nulls != null;
    }

    public boolean getBoolean(int row) {
        return (bits[row >>> 6] & (1L << row)) != 0;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : getBoolean(row);
    }

    @Override
    public BoolColumn select(int[] rows) {
        long[] out = new long[(rows.length + 63) >>> 6];
        for (int i = 0; i < rows.length; i++) {
            if (getBoolean(rows[i])) {
                out[i >>> 6] |= 1L << i;
            }
        }
        return new BoolColumn(out, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 32 + 8L * bits.length + Nulls.bytes(nulls);
    }
}
