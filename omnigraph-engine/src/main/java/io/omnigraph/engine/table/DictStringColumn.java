package io.omnigraph.engine.table;

import java.util.Objects;

/**
 * Dictionary string layout: row {@code i} is {@code dictionary[codes[i]]}. The dictionary holds distinct non-null
 * values. Equal codes mean equal strings, so joins and group-bys may compare codes within one column.
 */
public final class DictStringColumn implements StringColumn {
    private final int[] codes;
    private final Utf8Column dictionary;
    private final int size;
    private final long[] nulls;

    public DictStringColumn(int[] codes, Utf8Column dictionary, int size, long[] nulls) {
        this.codes = Objects.requireNonNull(codes);
        this.dictionary = Objects.requireNonNull(dictionary);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNull(int row) {
        return Nulls.isNull(nulls, row);
    }

    @Override
    public boolean hasNulls() {
        return nulls != null;
    }

    public int code(int row) {
        return codes[row];
    }

    public int[] rawCodes() {
        return codes;
    }

    public Utf8Column dictionary() {
        return dictionary;
    }

    @Override
    public String getString(int row) {
        return isNull(row) ? null : dictionary.getString(codes[row]);
    }

    @Override
    public boolean equalsUtf8(int row, byte[] utf8) {
        return !isNull(row) && dictionary.equalsUtf8(codes[row], utf8);
    }

    @Override
    public int hashAt(int row) {
        return isNull(row) ? 0 : dictionary.hashAt(codes[row]);
    }

    @Override
    public DictStringColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new DictStringColumn(out, dictionary, rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 48 + 4L * codes.length + dictionary.estimatedBytes() + Nulls.bytes(nulls);
    }
}
