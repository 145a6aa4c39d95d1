package io.omnigraph.engine.format;

import io.omnigraph.engine.segment.SegmentKind;

import java.util.Objects;
import java.util.Optional;

/**
 * A segment as listed in a commit: ULID id (object {@code segments/<table>/<id>.parquet}), kind, row count, size, and
 * an optional {@link IdFilter} over the ids the segment holds ({@code id_filter}, absent in commits written before it
 * existed and for segments too large for one). A segment without a filter may hold any id.
 */
public record SegmentRef(String id, SegmentKind kind, long rows, long bytes, Optional<String> idFilter) {
    public SegmentRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("segment rows/bytes must be >= 0");
        }
        idFilter = idFilter == null ? Optional.empty() : idFilter;
    }

    /** A segment entry without an id filter. */
    public SegmentRef(String id, SegmentKind kind, long rows, long bytes) {
        this(id, kind, rows, bytes, Optional.empty());
    }

    /** The parsed filter; empty when absent or in an encoding this build does not know. */
    public Optional<IdFilter> filter() {
        return idFilter.flatMap(IdFilter::parse);
    }

    /** False only when the segment certainly holds none of the ids (flattened {@link IdFilter#hashes}). */
    public boolean mayContainAny(long[] hashes) {
        Optional<IdFilter> f = filter();
        return f.isEmpty() || f.get().mayContainAny(hashes);
    }

    /** This entry without its filter (as an older writer would have listed it). */
    public SegmentRef withoutFilter() {
        return idFilter.isEmpty() ? this : new SegmentRef(id, kind, rows, bytes);
    }
}
