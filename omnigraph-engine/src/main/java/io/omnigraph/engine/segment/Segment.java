package io.omnigraph.engine.segment;

import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;

import java.util.Objects;

/**
 * A decoded segment: {@code DATA} rows under the requested schema, or the ids of a {@code DELETE} segment (a table
 * with just the {@code id} column).
 */
public record Segment(SegmentKind kind, TableData data) {
    public Segment {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(data);
    }

    public StringColumn ids() {
        return data.ids();
    }

    public int rowCount() {
        return data.rowCount();
    }
}
