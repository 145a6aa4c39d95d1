package io.omnigraph.engine.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row-wise or column-wise builder of a {@link TableData}. Column-wise: fill {@link #column(int)} builders (all to the
 * same length). Row-wise: {@link #appendRow(Object...)} with boxed values in schema order. Not thread-safe.
 */
public final class TableDataBuilder {
    private final TableSchema schema;
    private final List<ColumnBuilder> builders;

    public TableDataBuilder(TableSchema schema) {
        this(schema, 16);
    }

    public TableDataBuilder(TableSchema schema, int capacity) {
        this.schema = schema;
        this.builders = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            ColumnBuilder b = ColumnBuilder.forType(c.type(), capacity);
            if (c.fieldId() == ColumnSpec.ID_FIELD && b instanceof ColumnBuilder.Strings s) {
                s.plainOnly();
            }
            builders.add(b);
        }
    }

    public TableSchema schema() {
        return schema;
    }

    public ColumnBuilder column(int index) {
        return builders.get(index);
    }

    public ColumnBuilder column(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("table '" + schema.tableKey() + "' has no column '" + name + "'");
        }
        return builders.get(i);
    }

    /** Number of complete rows (the length of the id column). */
    public int rowCount() {
        return builders.get(0).size();
    }

    /** Appends one row of boxed values in schema order. */
    public TableDataBuilder appendRow(Object... values) {
        if (values.length != builders.size()) {
            throw new IllegalArgumentException("table '" + schema.tableKey() + "' has " + builders.size()
                    + " columns, row has " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            appendChecked(i, values[i]);
        }
        return this;
    }

    /** Appends one row given as column name → value; missing columns are null. Unknown names are rejected. */
    public TableDataBuilder appendRow(Map<String, ?> values) {
        for (String k : values.keySet()) {
            if (schema.indexOf(k) < 0) {
                throw new IllegalArgumentException("table '" + schema.tableKey() + "' has no column '" + k + "'");
            }
        }
        for (int i = 0; i < builders.size(); i++) {
            appendChecked(i, values.get(schema.columns().get(i).name()));
        }
        return this;
    }

    private void appendChecked(int i, Object v) {
        try {
            builders.get(i).appendValue(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column '" + schema.columns().get(i).name() + "': " + e.getMessage(), e);
        }
    }

    /** Builds without the nullability check (rows holding placeholders that are filled before validation). */
    public TableData buildUnchecked() {
        List<Column> cols = buildColumns();
        return TableData.ofDecoded(schema, cols.isEmpty() ? 0 : cols.get(0).size(), cols);
    }

    /** Builds; checks equal column lengths and nullability. */
    public TableData build() {
        return TableData.of(schema, buildColumns());
    }

    /** Columns of at least this many rows are built in parallel (dictionary encoding of large string columns). */
    static final int PARALLEL_BUILD_ROWS = 1 << 16;

    private List<Column> buildColumns() {
        if (builders.size() > 1 && rowCount() >= PARALLEL_BUILD_ROWS) {
            // each builder is independent; the column order is kept
            return java.util.stream.IntStream.range(0, builders.size()).parallel()
                    .mapToObj(i -> builders.get(i).build()).toList();
        }
        List<Column> cols = new ArrayList<>(builders.size());
        for (ColumnBuilder b : builders) {
            cols.add(b.build());
        }
        return cols;
    }
}
