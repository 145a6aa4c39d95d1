package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * The commit cause of a change block; {@code authored_at} is Unix epoch microseconds.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeCauseOutput(
        @JsonProperty("graph_commit_id") String graphCommitId,
        @JsonProperty("authored_branch") String authoredBranch,
        @JsonProperty("authored_at") long authoredAt,
        @JsonProperty("actor_id") Optional<String> actorId,
        @JsonProperty("parent_commit_id") Optional<String> parentCommitId,
        @JsonProperty("merged_parent_commit_id") Optional<String> mergedParentCommitId) {
    public ChangeCauseOutput {
        Objects.requireNonNull(graphCommitId, "graph_commit_id");
        Objects.requireNonNull(authoredBranch, "authored_branch");
        actorId = actorId == null ? Optional.empty() : actorId;
        parentCommitId = parentCommitId == null ? Optional.empty() : parentCommitId;
        mergedParentCommitId = mergedParentCommitId == null ? Optional.empty() : mergedParentCommitId;
    }
}
