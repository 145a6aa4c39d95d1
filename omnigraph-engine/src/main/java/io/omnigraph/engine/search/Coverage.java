package io.omnigraph.engine.search;

import io.omnigraph.engine.table.TableData;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntToLongFunction;

/**
 * How an index's entries map onto the rows of the table state being queried. An entry is <em>valid</em> when the
 * current table has a row with the entry's id whose content hash equals the entry's; its row is then <em>covered</em>.
 * Every other row of the table is <em>uncovered</em> and must be scanned — rows added after the index was built,
 * rows whose value changed, and (for an index built on exactly this state) none. Entries whose id is gone (deleted or
 * shadowed away) are never valid, so they never surface.
 *
 * @param navRow    per entry, the current row with the entry's id (valid or not; -1 when the id is gone) — used only
 *                  to score graph navigation
 * @param valid     entries that may be returned
 * @param rowToOrd  per current row, the valid entry covering it, or -1
 * @param uncovered current rows (with a value to index) no valid entry covers, ascending
 */
record Coverage(int[] navRow, BitSet valid, int[] rowToOrd, int[] uncovered) {

    long estimatedBytes() {
        return 64 + 4L * (navRow.length + rowToOrd.length + uncovered.length) + valid.size() / 8;
    }

    /** An index built from exactly this table state: entry {@code o} is row {@code builtRows[o]}. */
    static Coverage exact(int[] builtRows, int tableRows, java.util.function.IntPredicate hasValue) {
        int[] rowToOrd = new int[tableRows];
        Arrays.fill(rowToOrd, -1);
        BitSet valid = new BitSet(builtRows.length);
        valid.set(0, builtRows.length);
        for (int o = 0; o < builtRows.length; o++) {
            rowToOrd[builtRows[o]] = o;
        }
        return new Coverage(builtRows, valid, rowToOrd, uncoveredRows(rowToOrd, hasValue));
    }

    /** An index built from another table state, matched by id and content hash. */
    static Coverage matched(String[] ids, long[] hashes, TableData table, IntToLongFunction rowHash,
                            java.util.function.IntPredicate hasValue) {
        int n = table.rowCount();
        int[] rowToOrd = new int[n];
        Arrays.fill(rowToOrd, -1);
        int[] nav = new int[ids.length];
        BitSet valid = new BitSet(ids.length);
        for (int o = 0; o < ids.length; o++) {
            int r = n == 0 ? -1 : table.rowOf(ids[o]);
            nav[o] = r;
            if (r >= 0 && rowToOrd[r] < 0 && hasValue.test(r) && rowHash.applyAsLong(r) == hashes[o]) {
                valid.set(o);
                rowToOrd[r] = o;
            }
        }
        return new Coverage(nav, valid, rowToOrd, uncoveredRows(rowToOrd, hasValue));
    }

    private static int[] uncoveredRows(int[] rowToOrd, java.util.function.IntPredicate hasValue) {
        int k = 0;
        int[] out = new int[16];
        for (int r = 0; r < rowToOrd.length; r++) {
            if (rowToOrd[r] < 0 && hasValue.test(r)) {
                if (k == out.length) {
                    out = Arrays.copyOf(out, k * 2);
                }
                out[k++] = r;
            }
        }
        return Arrays.copyOf(out, k);
    }
}
