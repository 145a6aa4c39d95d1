package io.omnigraph.cli.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How {@code --format table} lays out cells ({@code defaults.table_max_column_width}, {@code defaults.table_cell_layout}
 * of the operator config): cells longer than {@code maxColumnWidth} code points are truncated with {@code …} or
 * wrapped onto continuation lines. The default (80, truncate) is the engine's table rendering.
 */
public record TableLayout(int maxColumnWidth, CellLayout cellLayout) {
    public static final int MIN_WIDTH = 4;
    public static final TableLayout DEFAULT = new TableLayout(io.omnigraph.engine.output.OutputFormat.MAX_CELL, CellLayout.TRUNCATE);

    public TableLayout {
        if (maxColumnWidth < MIN_WIDTH) {
            throw new IllegalArgumentException("maxColumnWidth must be >= " + MIN_WIDTH);
        }
    }

    /** Long cells: cut with an ellipsis, or wrapped onto continuation lines of the same row. */
    public enum CellLayout {
        TRUNCATE, WRAP;

        public static Optional<CellLayout> parse(String s) {
            for (CellLayout l : values()) {
                if (l.name().equalsIgnoreCase(s.trim())) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
