package io.omnigraph.engine.commit;

import io.omnigraph.engine.format.SegmentRef;

import java.util.Objects;

/**
 * An encoded segment not yet known to be uploaded: its table, its reference (ULID id, kind, rows, size) and its bytes.
 * Made by {@link GraphStore#encodeData} / {@link GraphStore#encodeDelete}; a draft lists it in
 * {@link CommitDraft#uploads()}, and publish uploads it once (a retried publish reuses the upload).
 */
public record PendingSegment(String tableKey, SegmentRef ref, byte[] bytes) {
    public PendingSegment {
        Objects.requireNonNull(tableKey);
        Objects.requireNonNull(ref);
        Objects.requireNonNull(bytes);
    }

    @Override
    public String toString() {
        return "PendingSegment[" + tableKey + "/" + ref.id() + ", " + ref.kind().text() + ", " + ref.rows() + " rows]";
    }
}
