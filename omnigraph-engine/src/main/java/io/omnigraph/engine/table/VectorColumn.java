package io.omnigraph.engine.table;

import java.util.Arrays;
import java.util.Objects;

/** VECTOR(dim) values in one {@code float[size * dim]}; row {@code i} starts at {@code i * dim}. */
public final class VectorColumn implements Column {
    private final VectorType type;
    private final float[] values;
    private final int size;
    private final long[] nulls;

    public VectorColumn(VectorType type, float[] values, int size, long[] nulls) {
        this.type = Objects.requireNonNull(type);
        this.values = Objects.requireNonNull(values);
        this.size = size;
        this.nulls = nulls;
        if ((long) values.length < (long) size * type.dim()) {
            throw new IllegalArgumentException("vector values too short");
        }
    }

    @Override
    public VectorType type() {
        return type;
    }

    public int dim() {
        return type.dim();
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

    /** All values, row-major. Do not mutate. */
    public float[] rawValues() {
        return values;
    }

    /** A copy of one vector, or null. */
    public float[] getVector(int row) {
        if (isNull(row)) {
            return null;
        }
        int d = type.dim();
        return Arrays.copyOfRange(values, row * d, row * d + d);
    }

    @Override
    public Object get(int row) {
        return getVector(row);
    }

    @Override
    public VectorColumn select(int[] rows) {
        int d = type.dim();
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * d, out, i * d, d);
        }
        return new VectorColumn(type, out, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 32 + 4L * values.length + Nulls.bytes(nulls);
    }
}
