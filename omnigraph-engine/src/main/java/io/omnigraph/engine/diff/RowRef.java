package io.omnigraph.engine.diff;

import io.omnigraph.engine.table.TableData;

import java.util.Objects;

/** One row of a decoded table (a segment or a folded table): the table and the row index. */
public record RowRef(TableData data, int row) {
    public RowRef {
        Objects.requireNonNull(data);
        if (row < 0 || row >= data.rowCount()) {
            throw new IllegalArgumentException("row " + row + " outside 0.." + data.rowCount());
        }
    }

    public String id() {
        return data.ids().getString(row);
    }

    /** Full-row logical equality ({@link RowEquality}); two absent rows are equal, absent differs from present. */
    public static boolean same(RowRef a, RowRef b) {
        if (a == null || b == null) {
            return a == b;
        }
        return RowEquality.equal(a.data, a.row, b.data, b.row);
    }
}
