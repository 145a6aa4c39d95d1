package io.omnigraph.engine.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * LIST values: row {@code i} is {@code elements[offsets[i] .. offsets[i+1])}; the element column has no nulls.
 * A null list differs from an empty list.
 */
public final class ListColumn implements Column {
    private final ListType type;
    private final int[] offsets;
    private final Column elements;
    private final int size;
    private final long[] nulls;

    public ListColumn(ListType type, int[] offsets, Column elements, int size, long[] nulls) {
        this.type = Objects.requireNonNull(type);
        this.offsets = Objects.requireNonNull(offsets);
        this.elements = Objects.requireNonNull(elements);
        this.size = size;
        this.nulls = nulls;
    }

    @Override
    public ListType type() {
        return type;
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

    public int start(int row) {
        return offsets[row];
    }

    public int end(int row) {
        return offsets[row + 1];
    }

    /** The flat element column (non-null values). */
    public Column elements() {
        return elements;
    }

    @Override
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        List<Object> out = new ArrayList<>(offsets[row + 1] - offsets[row]);
        for (int i = offsets[row]; i < offsets[row + 1]; i++) {
            out.add(elements.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public ListColumn select(int[] rows) {
        int total = 0;
        for (int r : rows) {
            total += offsets[r + 1] - offsets[r];
        }
        int[] elementRows = new int[total];
        int[] offs = new int[rows.length + 1];
        int p = 0;
        for (int i = 0; i < rows.length; i++) {
            for (int e = offsets[rows[i]]; e < offsets[rows[i] + 1]; e++) {
                elementRows[p++] = e;
            }
            offs[i + 1] = p;
        }
        return new ListColumn(type, offs, elements.select(elementRows), rows.length, Nulls.select(nulls, rows));
    }

    @Override
    public long estimatedBytes() {
        return 48 + 4L * offsets.length + elements.estimatedBytes() + Nulls.bytes(nulls);
    }
}
