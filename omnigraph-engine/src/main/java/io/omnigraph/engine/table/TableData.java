package io.omnigraph.engine.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable in-memory table: {@link #rowCount()} rows of the columns of a {@link TableSchema}, in schema order.
 * This is what segments decode to, what snapshots materialize and what queries scan. The id → row index is built
 * lazily on first use and then shared.
 */
public final class TableData {
    private final TableSchema schema;
    private final int rowCount;
    private final List<Column> columns;
    private volatile IdIndex idIndex;

    private TableData(TableSchema schema, int rowCount, List<Column> columns) {
        this.schema = schema;
        this.rowCount = rowCount;
        this.columns = columns;
    }

    /** Wraps columns; checks count, sizes, types and that non-nullable columns hold no nulls. */
    public static TableData of(TableSchema schema, List<? extends Column> columns) {
        Objects.requireNonNull(schema);
        List<Column> cols = List.copyOf(columns);
        if (cols.size() != schema.columns().size()) {
            throw new IllegalArgumentException("table '" + schema.tableKey() + "' has " + schema.columns().size()
                    + " columns, got " + cols.size());
        }
        int n = cols.isEmpty() ? 0 : cols.get(0).size();
        for (int i = 0; i < cols.size(); i++) {
            ColumnSpec spec = schema.columns().get(i);
            Column c = cols.get(i);
            if (c.size() != n) {
                throw new IllegalArgumentException("table '" + schema.tableKey() + "': column '" + spec.name() + "' has "
                        + c.size() + " rows, expected " + n);
            }
            if (!c.type().equals(spec.type())) {
                throw new IllegalArgumentException("table '" + schema.tableKey() + "': column '" + spec.name() + "' is "
                        + c.type().text() + ", schema says " + spec.type().text());
            }
            if (!spec.nullable() && c.hasNulls()) {
                throw new IllegalArgumentException("table '" + schema.tableKey() + "': column '" + spec.name()
                        + "' is not nullable but holds a null");
            }
        }
        return new TableData(schema, n, cols);
    }

    /** Builds a table without the nullability check (used by decoders and materialization). */
    public static TableData ofDecoded(TableSchema schema, int rowCount, List<? extends Column> columns) {
        for (Column c : columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("column size mismatch");
            }
        }
        return new TableData(schema, rowCount, List.copyOf(columns));
    }

    public static TableData empty(TableSchema schema) {
        List<Column> cols = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            cols.add(ColumnBuilder.forType(c.type(), 0).build());
        }
        return new TableData(schema, 0, List.copyOf(cols));
    }

    public TableSchema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public List<Column> columns() {
        return columns;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** The column with that name; IllegalArgumentException when the schema has none. */
    public Column column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("table '" + schema.tableKey() + "' has no column '" + name + "'");
        }
        return columns.get(i);
    }

    /** The id column (always column 0). */
    public StringColumn ids() {
        return (StringColumn) columns.get(0);
    }

    /** The lazily built id → row index. */
    public IdIndex idIndex() {
        IdIndex idx = idIndex;
        if (idx == null) {
            synchronized (this) {
                idx = idIndex;
                if (idx == null) {
                    idx = IdIndex.build(ids());
                    idIndex = idx;
                }
            }
        }
        return idx;
    }

    /** Row of {@code id}, or -1. */
    public int rowOf(String id) {
        return idIndex().find(id);
    }

    /** A new table with the given rows, in order. */
    public TableData select(int[] rows) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(rows));
        }
        return new TableData(schema, rows.length, List.copyOf(out));
    }

    /** The same columns viewed under another schema with identical column types (e.g. after a rename). */
    public TableData withSchema(TableSchema other) {
        return ofDecoded(other, rowCount, columns);
    }

    public long estimatedBytes() {
        long b = 64;
        for (Column c : columns) {
            b += c.estimatedBytes();
        }
        IdIndex idx = idIndex;
        return idx == null ? b : b + idx.estimatedBytes();
    }

    /** One row as column name → boxed value (slow; tests and debugging). */
    public Map<String, Object> row(int row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(schema.columns().get(i).name(), columns.get(i).get(row));
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "TableData[" + schema.tableKey() + ", " + rowCount + " rows]";
    }
}
