package io.omnigraph.engine.diff;

import java.util.Objects;

/** The terminal payload of a baseline stream (openapi {@code ChangeBaselineOutput}) plus the record count. */
public record BaselineResult(String snapshotCommitId, String resumeCursor, long records) {
    public BaselineResult {
        Objects.requireNonNull(snapshotCommitId);
        Objects.requireNonNull(resumeCursor);
    }
}
