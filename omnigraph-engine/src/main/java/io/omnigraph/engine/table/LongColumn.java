package io.omnigraph.engine.table;

import java.util.Objects;

/** I64, U64 (bit pattern) and DATETIME (epoch milliseconds) values. */
public final class LongColumn implements Column {
    private final ScalarType type;
    private final long[] values;
    private final int size;
    private final long[] nulls;

    public LongColumn(ScalarType type, long[] values, int size, long[] nulls) {
        if (!type.isLongBacked()) {
            throw new IllegalArgumentException(type + " is not long-backed");
        }
        this.type = type;
        this.values = Objects.requireNonNull(values);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public ScalarType type() {
        return type;
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

    public long getLong(int row) {
        return values[row];
    }

    public long[] rawValues() {
        return values;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : values[row];
    }

    @Override
    public LongColumn select(int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new LongColumn(type, out, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 32 + 8L * values.length + Nulls.bytes(nulls);
    }
}
