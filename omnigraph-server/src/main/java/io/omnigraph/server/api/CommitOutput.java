package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * One graph commit; {@code created_at} is Unix epoch microseconds.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CommitOutput(
        @JsonProperty("graph_commit_id") String graphCommitId,
        @JsonProperty("graph_branch") Optional<String> graphBranch,
        @JsonProperty("graph_manifest_version") long graphManifestVersion,
        @JsonProperty("parent_commit_id") Optional<String> parentCommitId,
        @JsonProperty("merged_parent_commit_id") Optional<String> mergedParentCommitId,
        @JsonProperty("actor_id") Optional<String> actorId,
        @JsonProperty("created_at") long createdAt) {
    public CommitOutput {
        Objects.requireNonNull(graphCommitId, "graph_commit_id");
        graphBranch = graphBranch == null ? Optional.empty() : graphBranch;
        parentCommitId = parentCommitId == null ? Optional.empty() : parentCommitId;
        mergedParentCommitId = mergedParentCommitId == null ? Optional.empty() : mergedParentCommitId;
        actorId = actorId == null ? Optional.empty() : actorId;
    }
}
