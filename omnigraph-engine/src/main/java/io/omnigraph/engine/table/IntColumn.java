package io.omnigraph.engine.table;

import java.util.Objects;

/** I32, U32 (bit pattern; {@link #getUnsigned}) and DATE (epoch days) values. */
public final class IntColumn implements Column {
    private final ScalarType type;
    private final int[] values;
    private final int size;
    private final long[] nulls;

    public IntColumn(ScalarType type, int[] values, int size, long[] nulls) {
        if (!type.isIntBacked()) {
            throw new IllegalArgumentException(type + " is not int-backed");
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

    /** The value (0 for null rows). */
    public int getInt(int row) {
        return values[row];
    }

    /** The value read as unsigned (U32). */
    public long getUnsigned(int row) {
        return Integer.toUnsignedLong(values[row]);
    }

    /** Raw values; index {@code < size()}. Do not mutate. */
    public int[] rawValues() {
        return values;
    }

    @Override
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        return type == ScalarType.U32 ? (Object) getUnsigned(row) : (Object) values[row];
    }

    @Override
    public IntColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new IntColumn(type, out, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 32 + 4L * values.length + Nulls.bytes(nulls);
    }
}
