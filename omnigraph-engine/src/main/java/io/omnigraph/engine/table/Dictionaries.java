package io.omnigraph.engine.table;

import java.util.Arrays;

/**
 * Decides whether a string column is stored with a dictionary. A sample of the first rows (an eighth of the column,
 * at least 4096) is hashed first; only when it shows any real repetition is the whole column encoded, and encoding
 * is abandoned as soon as the distinct count passes half the row count. Dictionary layout costs 4 bytes per row plus the distinct values, so it wins for repetitive
 * columns (edge endpoints, enums, tags) and loses for unique ones (ids).
 */
final class Dictionaries {
    static final int MIN_ROWS = 512;
    static final int SAMPLE = 4096;

    private Dictionaries() {
    }

    /** Dictionary-encoded copy, or null when the plain layout is better. */
    static DictStringColumn tryEncode(Utf8Column plain) {
        int n = plain.size();
        if (n < MIN_ROWS) {
            return null;
        }
        // A sample only rejects columns that look unique (ids, names). A high-cardinality but repetitive column
        // (2.4M edge endpoints over 100K nodes) looks unique in any small sample, so the sample is large relative
        // to the distinct budget: it must show fewer distinct values than half its size to go on.
        int sample = Math.min(n, Math.max(SAMPLE, n / 8));
        if (countDistinct(plain, sample, (int) (sample * 0.97)) < 0) {
            return null;
        }
        return encode(plain, n / 2);
    }

    /** Distinct non-null values among the first {@code rows} rows, or -1 once more than {@code limit}. */
    private static int countDistinct(Utf8Column c, int rows, int limit) {
        int cap = Integer.highestOneBit(Math.max(16, rows * 2 - 1)) << 1;
        int[] table = new int[cap];
        Arrays.fill(table, -1);
        int mask = cap - 1;
        int distinct = 0;
        for (int r = 0; r < rows; r++) {
            if (c.isNull(r)) {
                continue;
            }
            int slot = c.hashAt(r) & mask;
            while (true) {
                int e = table[slot];
                if (e < 0) {
                    table[slot] = r;
                    if (++distinct > limit) {
                        return -1;
                    }
                    break;
                }
                if (c.sameBytes(e, c, r)) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return distinct;
    }

    /**
     * Codes in first-occurrence order. The hash table is sized by the distinct count seen so far (not by the row
     * count) and probes compare a stored hash, then a compact copy of the distinct values: a repetitive column of
     * millions of rows works in cache instead of chasing each match into the row arena.
     */
    private static DictStringColumn encode(Utf8Column c, int limit) {
        int n = c.size();
        byte[] data = c.rawData();
        int cap = 1024;
        int[] table = new int[cap];
        Arrays.fill(table, -1);
        int mask = cap - 1;
        int[] codes = new int[n];
        int[] firstRow = new int[64];
        int[] hashes = new int[64];
        int[] dictOff = new int[65];
        byte[] dictBytes = new byte[1024];
        int distinct = 0;
        for (int r = 0; r < n; r++) {
            if (c.isNull(r)) {
                continue;
            }
            int s = c.start(r);
            int e = c.end(r);
            int h = StringColumn.hash(data, s, e);
            int slot = h & mask;
            while (true) {
                int code = table[slot];
                if (code < 0) {
                    if (distinct == limit) {
                        return null;
                    }
                    if (distinct == firstRow.length) {
                        firstRow = Arrays.copyOf(firstRow, distinct * 2);
                        hashes = Arrays.copyOf(hashes, distinct * 2);
                        dictOff = Arrays.copyOf(dictOff, distinct * 2 + 1);
                    }
                    int at = dictOff[distinct];
                    if (at + (e - s) > dictBytes.length) {
                        dictBytes = Arrays.copyOf(dictBytes, Math.max(at + (e - s), dictBytes.length * 2));
                    }
                    System.arraycopy(data, s, dictBytes, at, e - s);
                    dictOff[distinct + 1] = at + (e - s);
                    firstRow[distinct] = r;
                    hashes[distinct] = h;
                    table[slot] = distinct;
                    codes[r] = distinct++;
                    if (distinct * 2 > cap) {
                        cap *= 2;
                        mask = cap - 1;
                        table = new int[cap];
                        Arrays.fill(table, -1);
                        for (int k = 0; k < distinct; k++) {
                            int sl = hashes[k] & mask;
                            while (table[sl] >= 0) {
                                sl = (sl + 1) & mask;
                            }
                            table[sl] = k;
                        }
                    }
                    break;
                }
                if (hashes[code] == h && Arrays.equals(dictBytes, dictOff[code], dictOff[code + 1], data, s, e)) {
                    codes[r] = code;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        Utf8Column dict = c.select(Arrays.copyOf(firstRow, distinct));
        return new DictStringColumn(codes, dict, n, c.nullBits());
    }
}
