package io.omnigraph.engine.table;

import java.nio.charset.StandardCharsets;

/**
 * STRING values. Two layouts, chosen when the column is built: {@link Utf8Column} (one UTF-8 byte arena + offsets) and
 * {@link DictStringColumn} (int codes into a small {@link Utf8Column} dictionary) for low-cardinality columns such as
 * edge endpoints. Both compare and hash on UTF-8 bytes without creating Strings.
 */
public sealed interface StringColumn extends Column permits Utf8Column, DictStringColumn {

    @Override
    default ScalarType type() {
        return ScalarType.STRING;
    }

    /** The value as a String, or null for a null row. Allocates; prefer the byte-level methods on hot paths. */
    String getString(int row);

    /** True when the row is non-null and its UTF-8 bytes equal {@code utf8}. */
    boolean equalsUtf8(int row, byte[] utf8);

    /** {@link #hash(byte[], int, int)} of the row's UTF-8 bytes (0 for null rows). */
    int hashAt(int row);

    @Override
    default Object get(int row) {
        return getString(row);
    }

    @Override
    StringColumn select(int[] rows);

    /** The hash used by every string column and id index: a 32-bit mix over UTF-8 bytes. */
    static int hash(byte[] a, int from, int to) {
        int h = 0x9747b28c;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int k = (a[i] & 0xff) | (a[i + 1] & 0xff) << 8 | (a[i + 2] & 0xff) << 16 | (a[i + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        for (int s = 0; i < to; i++, s += 8) {
            k |= (a[i] & 0xff) << s;
        }
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
        h ^= to - from;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
