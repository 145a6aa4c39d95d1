package io.omnigraph.engine.format;

import io.omnigraph.engine.table.TableKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One table in a commit: its type name and kind at that commit, the ordered segments whose fold gives the live rows
 * (later data segments shadow earlier rows with the same id; delete segments remove ids), the live row count, and the
 * table's version: 1 when the table appears, + 1 for every commit that changes its segments (shown as the dataset
 * version of a snapshot). {@code liveRowsEstimated} (absent = false) marks a count that is only an upper bound because a
 * blind upsert did not read the table (see {@link #append(List, long, boolean)}).
 */
public record TableState(String typeName, TableKind kind, List<SegmentRef> segments, long liveRows, long version,
                         boolean liveRowsEstimated) {
    public TableState {
        Objects.requireNonNull(typeName, "type_name");
        Objects.requireNonNull(kind, "kind");
        segments = List.copyOf(segments);
        if (liveRows < 0) {
            throw new IllegalArgumentException("live_rows must be >= 0, got " + liveRows);
        }
        if (version < 1) {
            version = 1; // absent in older objects
        }
    }

    /** A table state at version 1 with an exact row count. */
    public TableState(String typeName, TableKind kind, List<SegmentRef> segments, long liveRows) {
        this(typeName, kind, segments, liveRows, 1, false);
    }

    /** A table state with an exact row count. */
    public TableState(String typeName, TableKind kind, List<SegmentRef> segments, long liveRows, long version) {
        this(typeName, kind, segments, liveRows, version, false);
    }

    public static TableState empty(String typeName, TableKind kind) {
        return new TableState(typeName, kind, List.of(), 0);
    }

    public TableState append(List<SegmentRef> more, long liveRowDelta) {
        return append(more, liveRowDelta, true);
    }

    /**
     * Appends segments. {@code exactDelta == false} (a blind upsert that did not read the table) makes the live-row
     * count an upper bound ({@code liveRowsEstimated}) until the table is rewritten; readers that need the exact count
     * then count the ids.
     */
    public TableState append(List<SegmentRef> more, long liveRowDelta, boolean exactDelta) {
        List<SegmentRef> all = new ArrayList<>(segments);
        all.addAll(more);
        return new TableState(typeName, kind, all, Math.max(0, liveRows + liveRowDelta), version + 1,
                liveRowsEstimated || !exactDelta);
    }

    /** A stable hash of the segment list (the cache identity of the materialized table). */
    public String contentHash() {
        return contentHash(segments);
    }

    /** The {@link #contentHash()} of a segment list (e.g. a prefix of a table's segments). */
    public static String contentHash(List<SegmentRef> segments) {
        StringBuilder sb = new StringBuilder();
        for (SegmentRef s : segments) {
            sb.append(s.id()).append(s.kind() == io.omnigraph.engine.segment.SegmentKind.DELETE ? "-" : "+");
        }
        return Json.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
