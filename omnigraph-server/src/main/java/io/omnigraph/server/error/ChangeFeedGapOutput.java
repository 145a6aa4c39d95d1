package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Retained history can no longer reconstruct a change continuation (HTTP 410); recover via the baseline handshake.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeFeedGapOutput(
        Optional<String> cursor,
        @JsonProperty("first_unreadable_commit_id") String firstUnreadableCommitId) {
    public ChangeFeedGapOutput {
        cursor = cursor == null ? Optional.empty() : cursor;
        Objects.requireNonNull(firstUnreadableCommitId, "first_unreadable_commit_id");
    }
}
