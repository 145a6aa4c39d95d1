package io.omnigraph.engine.segment;

import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.Nulls;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.Utf8Column;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Decodes a dictionary-encoded string column chunk by dictionary ids: each row group's Parquet dictionary is interned
 * once into one column-wide dictionary, then every row costs an int lookup (no byte copying, no re-hashing). Yields a
 * {@link DictStringColumn}.
 */
final class DictAccumulator {
    private byte[] data = new byte[4096];
    private int[] offsets = new int[257];
    private int distinct;
    private int[] table = new int[512];
    private int[] codes;
    private long[] nulls;
    private int size;

    DictAccumulator(int capacity) {
        Arrays.fill(table, -1);
        codes = new int[Math.max(16, capacity)];
    }

    void rowGroup(ColumnReader cr, Dictionary dictionary, int maxDef) {
        int[] remap = new int[dictionary.getMaxId() + 1];
        for (int id = 0; id < remap.length; id++) {
            remap[id] = intern(dictionary.decodeToBinary(id).toByteBuffer());
        }
        long n = cr.getTotalValueCount();
        if (size + n > codes.length) {
            codes = Arrays.copyOf(codes, (int) Math.max(size + n, codes.length * 3L / 2));
        }
        for (long i = 0; i < n; i++) {
            if (cr.getCurrentDefinitionLevel() == maxDef) {
                codes[size] = remap[cr.getCurrentValueDictionaryID()];
            } else {
                nulls = Nulls.set(nulls, size, codes.length);
            }
            size++;
            cr.consume();
        }
    }

    private int intern(ByteBuffer b) {
        int len = b.remaining();
        byte[] tmp;
        int off;
        if (b.hasArray()) {
            tmp = b.array();
            off = b.arrayOffset() + b.position();
        } else {
            tmp = new byte[len];
            b.duplicate().get(tmp);
            off = 0;
        }
        int h = StringColumn.hash(tmp, off, off + len);
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int e = table[slot];
            if (e < 0) {
                break;
            }
            if (Arrays.equals(data, offsets[e], offsets[e + 1], tmp, off, off + len)) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
        int code = distinct++;
        if (offsets[code] + len > data.length) {
            data = Arrays.copyOf(data, Math.max(offsets[code] + len, data.length * 2));
        }
        System.arraycopy(tmp, off, data, offsets[code], len);
        if (code + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[code + 1] = offsets[code] + len;
        table[slot] = code;
        if (distinct * 2 > table.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        table = new int[table.length * 2];
        Arrays.fill(table, -1);
        int mask = table.length - 1;
        for (int c = 0; c < distinct; c++) {
            int slot = StringColumn.hash(data, offsets[c], offsets[c + 1]) & mask;
            while (table[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = c;
        }
    }

    DictStringColumn build() {
        Utf8Column dict = new Utf8Column(Arrays.copyOf(data, offsets[distinct]), Arrays.copyOf(offsets, distinct + 1), distinct, null);
        return new DictStringColumn(codes.length == size ? codes : Arrays.copyOf(codes, size), dict, size, Nulls.finish(nulls, size));
    }
}
