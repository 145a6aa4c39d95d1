package io.omnigraph.engine.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** Plain string layout: row {@code i} is {@code data[offsets[i] .. offsets[i+1])} (empty for null rows). */
public final class Utf8Column implements StringColumn {
    private final byte[] data;
    private final int[] offsets;
    private final int size;
    private final long[] nulls;

    public Utf8Column(byte[] data, int[] offsets, int size, long[] nulls) {
        this.data = Objects.requireNonNull(data);
        this.offsets = Objects.requireNonNull(offsets);
        this.size = size;
        this.nulls = nulls;
        if (offsets.length < size + 1) {
            throw new IllegalArgumentException("offsets too short");
        }
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

    long[] nullBits() {
        return nulls;
    }

    public int start(int row) {
        return offsets[row];
    }

    public int end(int row) {
        return offsets[row + 1];
    }

    /** The byte arena. Do not mutate. */
    public byte[] rawData() {
        return data;
    }

    @Override
    public String getString(int row) {
        return isNull(row) ? null : new String(data, offsets[row], offsets[row + 1] - offsets[row], StandardCharsets.UTF_8);
    }

    @Override
    public boolean equalsUtf8(int row, byte[] utf8) {
        if (isNull(row)) {
            return false;
        }
        int s = offsets[row];
        return Arrays.equals(data, s, offsets[row + 1], utf8, 0, utf8.length);
    }

    @Override
    public int hashAt(int row) {
        return isNull(row) ? 0 : StringColumn.hash(data, offsets[row], offsets[row + 1]);
    }

    /** True when row {@code a} of this and row {@code b} of {@code other} hold the same bytes (both non-null). */
    public boolean sameBytes(int a, Utf8Column other, int b) {
        return Arrays.equals(data, offsets[a], offsets[a + 1], other.data, other.offsets[b], other.offsets[b + 1]);
    }

    @Override
    public Utf8Column select(int[] rows) {
        long total = 0;
        for (int r : rows) {
            total += offsets[r + 1] - offsets[r];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("string column too large");
        }
        byte[] out = new byte[(int) total];
        int[] offs = new int[rows.length + 1];
        int p = 0;
        for (int i = 0; i < rows.length; i++) {
            int s = offsets[rows[i]];
            int len = offsets[rows[i] + 1] - s;
            System.arraycopy(data, s, out, p, len);
            p += len;
            offs[i + 1] = p;
        }
        return new Utf8Column(out, offs, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 48 + data.length + 4L * offsets.length + Nulls.bytes(nulls);
    }
}
