package io.omnigraph.engine.query;

import io.omnigraph.engine.index.Cells;

import java.util.Arrays;

/**
 * Dense ids for tuples of ints (rows of several relation columns), in first-seen order: open addressing over
 * representative positions, no per-tuple objects. Not thread-safe.
 */
final class TupleIds {
    private final int[][] cols;
    private int[] slots;
    private int[] reps;
    private int mask;
    private int size;

    TupleIds(int[][] cols, int expected) {
        this.cols = cols;
        int cap = Integer.highestOneBit(Math.max(16, Math.min(expected, 1 << 28) * 2 - 1)) << 1;
        slots = new int[cap];
        Arrays.fill(slots, -1);
        mask = cap - 1;
        reps = new int[16];
    }

    private int hash(int pos) {
        long h = 0x9E3779B97F4A7C15L;
        for (int[] c : cols) {
            h = (h ^ c[pos]) * 0xff51afd7ed558ccdL;
        }
        return Cells.mix(h);
    }

    private boolean same(int a, int b) {
        for (int[] c : cols) {
            if (c[a] != c[b]) {
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
        int slot = hash(pos) & mask;
        while (true) {
            int e = slots[slot];
            if (e < 0) {
                if (size == reps.length) {
                    reps = Arrays.copyOf(reps, size * 2);
                }
                reps[size] = pos;
                slots[slot] = size;
                return size++;
            }
            if (same(reps[e], pos)) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void rehash() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, -1);
        mask = slots.length - 1;
        for (int e : old) {
            if (e >= 0) {
                int slot = hash(reps[e]) & mask;
                while (slots[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = e;
            }
        }
    }
}
