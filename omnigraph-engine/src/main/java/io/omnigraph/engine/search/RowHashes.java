package io.omnigraph.engine.search;

import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.Utf8Column;
import io.omnigraph.engine.table.VectorColumn;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit content hashes of indexed cells. A persisted index stores, per entry, the entity id and the hash of the
 * value it indexed; an entry serves a later table state only when that state's row with the same id has the same hash
 * (otherwise the row is treated as not covered and scanned), so stale entries never surface.
 */
final class RowHashes {
    static final long NULL = 0x6e756c6cL;

    private RowHashes() {
    }

    static long text(StringColumn col, int row) {
        if (col.isNull(row)) {
            return NULL;
        }
        if (col instanceof Utf8Column u) {
            return bytes(u.rawData(), u.start(row), u.end(row));
        }
        byte[] b = col.getString(row).getBytes(StandardCharsets.UTF_8);
        return bytes(b, 0, b.length);
    }

    static long vector(VectorColumn col, int row) {
        if (col.isNull(row)) {
            return NULL;
        }
        int d = col.dim();
        float[] raw = col.rawValues();
        long h = 0x243f6a8885a308d3L ^ d;
        for (int i = row * d, end = i + d; i < end; i++) {
            h = mix(h ^ Float.floatToRawIntBits(raw[i]));
        }
        return h == NULL ? h + 1 : h;
    }

    static long bytes(byte[] a, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= a[i] & 0xff;
            h *= 0x100000001b3L;
        }
        h = mix(h ^ (to - from));
        return h == NULL ? h + 1 : h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
