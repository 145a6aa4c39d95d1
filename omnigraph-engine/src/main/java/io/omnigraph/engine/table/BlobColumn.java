package io.omnigraph.engine.table;

import java.util.Arrays;
import java.util.Objects;

/** BLOB values: row {@code i} is {@code data[offsets[i] .. offsets[i+1])}. A null blob differs from an empty one. */
public final class BlobColumn implements Column {
    private final byte[] data;
    private final int[] offsets;
    private final int size;
    private final long[] nulls;

    public BlobColumn(byte[] data, int[] offsets, int size, long[] nulls) {
        this.data = Objects.requireNonNull(data);
        this.offsets = Objects.requireNonNull(offsets);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public ScalarType type() {
        return ScalarType.BLOB;
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

    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /** A copy of the bytes, or null. */
    public byte[] getBytes(int row) {
        return isNull(row) ? null : Arrays.copyOfRange(data, offsets[row], offsets[row + 1]);
    }

    public byte[] rawData() {
        return data;
    }

    public int start(int row) {
        return offsets[row];
    }

    @Override
    public Object get(int row) {
        return getBytes(row);
    }

    @Override
    public BlobColumn select(int[] rows) {
        long total = 0;
        for (int r : rows) {
            total += offsets[r + 1] - offsets[r];
        }
        byte[] out = new byte[Math.toIntExact(total)];
        int[] offs = new int[rows.length + 1];
        int p = 0;
        for (int i = 0; i < rows.length; i++) {
            int s = offsets[rows[i]];
            int len = offsets[rows[i] + 1] - s;
            System.arraycopy(data, s, out, p, len);
            p += len;
            offs[i + 1] = p;
        }
        return new BlobColumn(out, offs, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 48 + data.length + 4L * offsets.length + Nulls.bytes(nulls);
    }
}
