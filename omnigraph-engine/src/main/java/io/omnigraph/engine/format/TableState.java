package io.omnigraph.engine.format;

import io.omnigraph.engine.table.TableKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One table in a commit: its type name and kind at that commit, the ordered segments whose fold gives the live rows
 * (later data segments shadow earlier rows with the same id; delete segments remove ids), and the live row count.
 */
public record TableState(String typeName, TableKind kind, List<SegmentRef> segments, long liveRows) {
    public TableState {
        Objects.requireNonNull(typeName, "type_name");
        Objects.requireNonNull(kind, "kind");
        segments = List.copyOf(segments);
        if (liveRows < 0) {
            throw new IllegalArgumentException("live_rows must be >= 0, got " + liveRows);
        }
    }

    public static TableState empty(String typeName, TableKind kind) {
        return new TableState(typeName, kind, List.of(), 0);
    }

    public TableState append(List<SegmentRef> more, long liveRowDelta) {
        List<SegmentRef> all = new ArrayList<>(segments);
        all.addAll(more);
        return new TableState(typeName, kind, all, Math.max(0, liveRows + liveRowDelta));
    }

    /** A stable hash of the segment list (the cache identity of the materialized table). */
    public String contentHash() {
        StringBuilder sb = new StringBuilder();
        for (SegmentRef s : segments) {
            sb.append(s.id()).append(s.kind() == io.omnigraph.engine.segment.SegmentKind.DELETE ? "-" : "+");
        }
        return Json.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
