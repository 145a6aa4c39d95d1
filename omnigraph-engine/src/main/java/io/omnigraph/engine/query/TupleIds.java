package io.omnigraph.engine.query;

import io.omnigraph.engine.index.Cells;

import java.util.Arrays;

/**
 * Dense ids for tuples of ints (rows of several relation columns), in first-seen order: open addressing over ids,
 * with each distinct tuple copied once into a compact array and its hash kept in the slot table, so probing touches
 * neither the (large) relation columns nor unrelated entries. Not thread-safe.
 */
final class TupleIds {
    private final int[][] cols;
    private final int width;
    private int[] slots;
    private int[] slotHash;
    private int[] tuples;
    private int mask;
    private int size;

    TupleIds(int[][] cols, int expected) {
        this.cols = cols;
        this.width = cols.length;
        int cap = Integer.highestOneBit(Math.max(16, Math.min(expected, 1 << 26) * 2 - 1)) << 1;
        slots = new int[cap];
        slotHash = new int[cap];
        Arrays.fill(slots, -1);
        mask = cap - 1;
        tuples = new int[16 * width];
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
            int e = slots[slot];
            if (e < 0) {
                if ((size + 1) * width > tuples.length) {
                    tuples = Arrays.copyOf(tuples, tuples.length * 2);
                }
                int base = size * width;
                for (int k = 0; k < width; k++) {
                    tuples[base + k] = cols[k][pos];
                }
                slots[slot] = size;
                slotHash[slot] = h;
                return size++;
            }
            if (slotHash[slot] == h && same(e, pos)) {
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
        int[] oldHash = slotHash;
        slots = new int[old.length * 2];
        slotHash = new int[old.length * 2];
        Arrays.fill(slots, -1);
        mask = slots.length - 1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] >= 0) {
                int slot = oldHash[i] & mask;
                while (slots[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = old[i];
                slotHash[slot] = oldHash[i];
            }
        }
    }
}
