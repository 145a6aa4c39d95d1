package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Terminal payload of a baseline stream.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeBaselineOutput(
        @JsonProperty("snapshot_commit_id") String snapshotCommitId,
        @JsonProperty("resume_cursor") String resumeCursor) {
    public ChangeBaselineOutput {
        Objects.requireNonNull(snapshotCommitId, "snapshot_commit_id");
        Objects.requireNonNull(resumeCursor, "resume_cursor");
    }
}
