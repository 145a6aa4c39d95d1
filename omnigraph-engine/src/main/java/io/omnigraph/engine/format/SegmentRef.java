package io.omnigraph.engine.format;

import io.omnigraph.engine.segment.SegmentKind;

import java.util.Objects;

/** A segment as listed in a commit: ULID id (object {@code segments/<table>/<id>.parquet}), kind, row count, size. */
public record SegmentRef(String id, SegmentKind kind, long rows, long bytes) {
    public SegmentRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("segment rows/bytes must be >= 0");
        }
    }
}
