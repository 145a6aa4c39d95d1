package io.omnigraph.engine.table;

import java.util.Arrays;
import java.util.List;

/**
 * A hash set of string keys that live in existing {@link StringColumn}s, stored as (column, row) references: no key
 * is copied and no per-key object is allocated. Used to fold segments (newest first, "first seen wins") and to net
 * out concurrent changes. Not thread-safe.
 */
public final class RowKeySet {
    private final StringColumn[] columns;
    private long[] table;
    private int mask;
    private int size;

    public RowKeySet(List<? extends StringColumn> columns, int expected) {
        this.columns = columns.toArray(StringColumn[]::new);
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        this.table = new long[cap];
        Arrays.fill(table, -1L);
        this.mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /** Adds {@code columns[col][row]}; true when the key was not present. Null keys are never added. */
    public boolean add(int col, int row) {
        StringColumn c = columns[col];
        if (c.isNull(row)) {
            return false;
        }
        if ((size + 1) * 2 > table.length) {
            rehash();
        }
        int slot = c.hashAt(row) & mask;
        while (true) {
            long e = table[slot];
            if (e < 0) {
                table[slot] = ((long) col << 32) | (row & 0xffffffffL);
                size++;
                return true;
            }
            if (IdIndex.sameValue(columns[(int) (e >>> 32)], (int) e, c, row)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** True when the set holds the value of {@code other[row]}. */
    public boolean contains(StringColumn other, int row) {
        return find(other, row) >= 0;
    }

    /** The (column << 32 | row) reference holding the value of {@code other[row]}, or -1. */
    public long find(StringColumn other, int row) {
        if (other.isNull(row)) {
            return -1;
        }
        int slot = other.hashAt(row) & mask;
        while (true) {
            long e = table[slot];
            if (e < 0) {
                return -1;
            }
            if (IdIndex.sameValue(columns[(int) (e >>> 32)], (int) e, other, row)) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void rehash() {
        long[] old = table;
        table = new long[old.length * 2];
        Arrays.fill(table, -1L);
        mask = table.length - 1;
        for (long e : old) {
            if (e >= 0) {
                int slot = columns[(int) (e >>> 32)].hashAt((int) e) & mask;
                while (table[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = e;
            }
        }
    }
}
