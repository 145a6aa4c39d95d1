package io.omnigraph.engine.index;

import java.util.Objects;

/**
 * A constant looked up in a scalar index, in the comparison domain of {@link Cells}: an integer-like value (integers,
 * Date days, DateTime ms, Bool 0/1), a floating-point value, or UTF-8 bytes. Numeric probes match numeric columns by
 * exact value across widths ({@code I32 = 2.0} matches 2; {@code I32 = 2.7} matches nothing).
 */
public sealed interface Probe {

    record Long(long value) implements Probe {
    }

    record Double(double value) implements Probe {
    }

    record Bytes(byte[] utf8) implements Probe {
        public Bytes {
            Objects.requireNonNull(utf8);
        }
    }

    /** {@code column value <=> probe} for a non-null cell of {@code column}; domains must be compatible. */
    static int compare(io.omnigraph.engine.table.Column column, Cells.Domain domain, int row, Probe p) {
        return switch (domain) {
            case LONG -> switch (p) {
                case Long l -> java.lang.Long.compare(Cells.longAt(column, row), l.value());
                case Double d -> Cells.compareLongDouble(Cells.longAt(column, row), d.value());
                case Bytes b -> throw new IllegalArgumentException("string probe on a numeric column");
            };
            case DOUBLE -> switch (p) {
                case Long l -> -Cells.compareLongDouble(l.value(), Cells.doubleAt(column, row));
                case Double d -> Cells.compareDoubles(Cells.doubleAt(column, row), d.value());
                case Bytes b -> throw new IllegalArgumentException("string probe on a numeric column");
            };
            case BYTES -> switch (p) {
                case Bytes b -> Cells.compareString((io.omnigraph.engine.table.StringColumn) column, row, b.utf8());
                default -> throw new IllegalArgumentException("numeric probe on a string column");
            };
            case OTHER -> throw new IllegalArgumentException("column is not indexable");
        };
    }
}
