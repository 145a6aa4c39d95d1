package io.omnigraph.engine.table;

import java.util.Objects;

/** F32 values. */
public final class FloatColumn implements Column {
    private final float[] values;
    private final int size;
    private final long[] nulls;

    public FloatColumn(float[] values, int size, long[] nulls) {
        this.values = Objects.requireNonNull(values);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public ScalarType type() {
        return ScalarType.F32;
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

    public float getFloat(int row) {
        return values[row];
    }

    public float[] rawValues() {
        return values;
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : values[row];
    }

    @Override
    public FloatColumn select(int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new FloatColumn(out, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 32 + 4L * values.length + Nulls.bytes(nulls);
    }
}
