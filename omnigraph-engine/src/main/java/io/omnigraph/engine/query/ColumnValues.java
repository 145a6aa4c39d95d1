package io.omnigraph.engine.query;

import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.ColumnBuilder;

/** Conversions between the compiler's typed {@link Value}s and engine columns, for the executor. */
public final class ColumnValues {
    private ColumnValues() {
    }

    /** A one-row column holding {@code v} as type {@code t} (a query constant: literal, parameter, {@code now()}). */
    public static Column constant(Value v, PropType t) {
        ColumnBuilder b = ColumnBuilder.forType(GraphSchema.physicalType(t), 1);
        Cells.append(b, v, t);
        return b.build();
    }

    /** The typed value of a cell ({@link Value#NULL} for null). {@code t} is the column's declared type. */
    public static Value valueAt(Column c, PropType t, int row) {
        return Cells.read(c, row, t);
    }
}
