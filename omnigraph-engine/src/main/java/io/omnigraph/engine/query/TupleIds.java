package io.omnigraph.engine.query;

import io.omnigraph.engine.index.Cells;

import java.util.Arrays;

/**
 * Dense ids for tuples of ints (rows of several relation columns), in first-seen order: open addressing over one
 * {@code long} per slot (hash in the high half, id in the low half), sized by the number of distinct tuples (not rows)
 * so it stays cache-resident, with each distinct tuple copied once into a compact array. Not thread-safe.
 */
final class TupleIds {
    private static final long EMPTY = -1L;
    private final int[][] cols;
    private final int width;
    private long[] slots;
    private int[] tuples;
    private int mask;
    private int size;

    TupleIds(int[][] cols, int expectedDistinct) {
        this.cols = cols;
        this.width = cols.length;
        int cap = Integer.highestOneBit(Math.max(64, Math.min(expectedDistinct, 1 << 12) * 2 - 1)) << 1;
        slots = new long[cap];
        Arrays.fill(slots, EMPTY);
        mask = cap - 1;
        tuples = new int[64 * width];
    }

    private int hash(int pos) {
        long h = 0x9E3779B97F4A7C15L;
        for (int[] c : cols) {
            h = (h ^ c[pos]) * 0xff51afd7ed558ccdL;
        }
        return Cells.mix(h);
    }

    private boolean same(int id, int pos) {
        int base = id * width;
        for (int k = 0; k < width; k++) {
            if (tuples[base + k] != cols[k][pos]) {
                return false;
            }
        }
        return true;
    }

    /** The id of the tuple at {@code pos} (a new id equals the number of ids handed out before). */
    int idOf(int pos) {
        if ((size + 1) * 2 > slots.length) {
            rehash();
        }
        int h = hash(pos);
        int slot = h & mask;
        while (true) {
            long e = slots[slot];
            if (e == EMPTY) {
                if ((size + 1) * width > tuples.length) {
                    tuples = Arrays.copyOf(tuples, tuples.length * 2);
                }
                int base = size * width;
                for (int k = 0; k < width; k++) {
                    tuples[base + k] = cols[k][pos];
                }
                slots[slot] = ((long) h << 32) | size;
                return size++;
            }
            int id = (int) e;
            if ((int) (e >>> 32) == h && same(id, pos)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        mask = slots.length - 1;
        for (long e : old) {
            if (e != EMPTY) {
                int slot = (int) (e >>> 32) & mask;
                while (slots[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = e;
            }
        }
    }
}
