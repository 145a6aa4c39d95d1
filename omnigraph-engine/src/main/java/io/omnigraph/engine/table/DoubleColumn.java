package io.omnigraph.engine.table;

import java.util.Objects;

/** F64 values. */
public final class DoubleColumn implements Column {
    private final double[] values;
    private final int size;
    private final long[] nulls;

    public DoubleColumn(double[] values, int size, long[] nulls) {
        this.values = Objects.requireNonNull(values);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public ScalarType type() {
        return ScalarType.F64;
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

    public double getDouble(int row) {
        return values[row];
    }

    public double[] rawValues() {
        return values;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : values[row];
    }

    @Override
    public DoubleColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new DoubleColumn(out, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 32 + 8L * values.length + Nulls.bytes(nulls);
    }
}
