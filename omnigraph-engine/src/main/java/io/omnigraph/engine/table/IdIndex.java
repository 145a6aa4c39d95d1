package io.omnigraph.engine.table;

import java.util.Arrays;

/**
 * Hash index from id string to row of one {@link StringColumn} (open addressing over row numbers; no per-row
 * objects). Immutable after construction and safe to share between threads.
 */
public final class IdIndex {
    private final StringColumn ids;
    private final int[] table;
    private final int mask;
    private final int firstDuplicate;

    private IdIndex(StringColumn ids) {
        this.ids = ids;
        int n = ids.size();
        int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        this.table = new int[cap];
        Arrays.fill(table, -1);
        this.mask = cap - 1;
        int dup = -1;
        for (int r = 0; r < n; r++) {
            if (ids.isNull(r)) {
                continue;
            }
            int slot = ids.hashAt(r) & mask;
            while (true) {
                int e = table[slot];
                if (e < 0) {
                    table[slot] = r;
                    break;
                }
                if (sameValue(ids, e, ids, r)) {
                    table[slot] = r; // the later row wins
                    if (dup < 0) {
                        dup = r;
                    }
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        this.firstDuplicate = dup;
    }

    /** Builds the index; when an id repeats, lookups return its last row and {@link #firstDuplicateRow()} is set. */
    public static IdIndex build(StringColumn ids) {
        return new IdIndex(ids);
    }

    /** The row of {@code id}, or -1. */
    public int find(String id) {
        return find(StringColumn.utf8(id));
    }

    /** The row whose UTF-8 bytes equal {@code utf8}, or -1. */
    public int find(byte[] utf8) {
        int slot = StringColumn.hash(utf8, 0, utf8.length) & mask;
        while (true) {
            int e = table[slot];
            if (e < 0) {
                return -1;
            }
            if (ids.equalsUtf8(e, utf8)) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The row holding the same value as {@code other[row]}, or -1; allocation-free. */
    public int find(StringColumn other, int row) {
        if (other.isNull(row)) {
            return -1;
        }
        int slot = other.hashAt(row) & mask;
        while (true) {
            int e = table[slot];
            if (e < 0) {
                return -1;
            }
            if (sameValue(ids, e, other, row)) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
    }

    public boolean contains(String id) {
        return find(id) >= 0;
    }

    /** The first row whose id repeated an earlier row, or -1 when ids are unique. */
    public int firstDuplicateRow() {
        return firstDuplicate;
    }

    public StringColumn column() {
        return ids;
    }

    public long estimatedBytes() {
        return 32 + 4L * table.length;
    }

    /** True when both rows are non-null and hold the same bytes. */
    public static boolean sameValue(StringColumn a, int ra, StringColumn b, int rb) {
        if (a.isNull(ra) || b.isNull(rb)) {
            return false;
        }
        Utf8Column pa;
        int ia;
        if (a instanceof DictStringColumn d) {
            pa = d.dictionary();
            ia = d.code(ra);
        } else {
            pa = (Utf8Column) a;
            ia = ra;
        }
        Utf8Column pb;
        int ib;
        if (b instanceof DictStringColumn d) {
            pb = d.dictionary();
            ib = d.code(rb);
        } else {
            pb = (Utf8Column) b;
            ib = rb;
        }
        return pa.sameBytes(ia, pb, ib);
    }
}
