package io.omnigraph.engine.query;

import java.util.Arrays;

/**
 * An intermediate result: {@code size} rows; {@code cols[slot]} holds, per row, the row number of the slot's variable
 * in its table ({@code null} while the slot is unbound). Slot 0 ({@link Layout#TAG}) tags rows with the outer row they
 * came from inside an anti-join. {@code weights}, when present, says how many result rows each row stands for (the
 * factorised tail of a count-only aggregate); rows never have weight 0. Arrays are never mutated once built.
 */
final class Relation {
    final int size;
    final int[][] cols;
    final long[] weights;

    Relation(int size, int[][] cols, long[] weights) {
        this.size = size;
        this.cols = cols;
        this.weights = weights;
    }

    /** One row, no bound variables. */
    static Relation unit(int width) {
        return new Relation(1, new int[width][], null);
    }

    static Relation empty(int width) {
        return new Relation(0, new int[width][], null);
    }

    boolean bound(int slot) {
        return cols[slot] != null;
    }

    long weight(int row) {
        return weights == null ? 1 : weights[row];
    }

    /** The rows at the given positions (in that order); other columns gathered, weights kept. */
    Relation gather(int[] positions, int n) {
        int[][] out = new int[cols.length][];
        for (int c = 0; c < cols.length; c++) {
            if (cols[c] != null) {
                int[] src = cols[c];
                int[] dst = new int[n];
                for (int i = 0; i < n; i++) {
                    dst[i] = src[positions[i]];
                }
                out[c] = dst;
            }
        }
        long[] w = null;
        if (weights != null) {
            w = new long[n];
            for (int i = 0; i < n; i++) {
                w[i] = weights[positions[i]];
            }
        }
        return new Relation(n, out, w);
    }

    /** The rows whose {@code keep} flag is set (order kept). */
    Relation filter(boolean[] keep) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (keep[i]) {
                n++;
            }
        }
        if (n == size) {
            return this;
        }
        int[] pos = new int[n];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (keep[i]) {
                pos[k++] = i;
            }
        }
        return gather(pos, n);
    }

    /** This relation with one more column. */
    Relation with(int slot, int[] values) {
        int[][] out = Arrays.copyOf(cols, cols.length);
        out[slot] = values;
        return new Relation(size, out, weights);
    }

    Relation withWeights(long[] w) {
        return new Relation(size, cols, w);
    }
}
