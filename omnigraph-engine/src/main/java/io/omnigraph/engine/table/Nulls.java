package io.omnigraph.engine.table;

/** Helpers for null bitmaps: a {@code long[]} where a set bit means "null"; {@code null} means "no nulls". */
public final class Nulls {
    private Nulls() {
    }

    public static boolean isNull(long[] bits, int row) {
        return bits != null && (bits[row >>> 6] & (1L << row)) != 0;
    }

    public static long[] set(long[] bits, int row, int capacityRows) {
        int words = (Math.max(capacityRows, row + 1) + 63) >>> 6;
        if (bits == null) {
            bits = new long[words];
        } else if (bits.length <= row >>> 6) {
            bits = java.util.Arrays.copyOf(bits, Math.max(words, bits.length * 2));
        }
        bits[row >>> 6] |= 1L << row;
        return bits;
    }

    /** Trims a builder bitmap to {@code size} rows; returns null when no bit is set. */
    public static long[] finish(long[] bits, int size) {
        if (bits == null) {
            return null;
        }
        int words = (size + 63) >>> 6;
        long[] out = java.util.Arrays.copyOf(bits, words);
        if (size % 64 != 0 && words > 0) {
            out[words - 1] &= (1L << size) - 1;
        }
        for (long w : out) {
            if (w != 0) {
                return out;
            }
        }
        return null;
    }

    public static long[] select(long[] bits, int[] rows) {
        if (bits == null) {
            return null;
        }
        long[] out = null;
        for (int i = 0; i < rows.length; i++) {
            if (isNull(bits, rows[i])) {
                out = set(out, i, rows.length);
            }
        }
        return out;
    }

    public static long bytes(long[] bits) {
        return bits == null ? 0 : 16 + 8L * bits.length;
    }
}
