package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * One graph commit; {@code created_at} is Unix epoch microseconds. {@code operation} (what wrote it) and
 * {@code message} are optional additions to the 0.10.0 wire shape: omitted when unknown or empty.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CommitOutput(
        @JsonProperty("graph_commit_id") String graphCommitId,
        @JsonProperty("graph_branch") Optional<String> graphBranch,
        @JsonProperty("graph_manifest_version") long graphManifestVersion,
        @JsonProperty("parent_commit_id") Optional<String> parentCommitId,
        @JsonProperty("merged_parent_commit_id") Optional<String> mergedParentCommitId,
        @JsonProperty("actor_id") Optional<String> actorId,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("operation") Optional<String> operation,
        @JsonProperty("message") Optional<String> message) {
    /** A commit without operation and message. */
    public CommitOutput(String graphCommitId, Optional<String> graphBranch, long graphManifestVersion,
                        Optional<String> parentCommitId, Optional<String> mergedParentCommitId, Optional<String> actorId,
                        long createdAt) {
        this(graphCommitId, graphBranch, graphManifestVersion, parentCommitId, mergedParentCommitId, actorId, createdAt,
                Optional.empty(), Optional.empty());
    }

    public CommitOutput {
        Objects.requireNonNull(graphCommitId, "graph_commit_id");
        graphBranch = graphBranch == null ? Optional.empty() : graphBranch;
        parentCommitId = parentCommitId == null ? Optional.empty() : parentCommitId;
        mergedParentCommitId = mergedParentCommitId == null ? Optional.empty() : mergedParentCommitId;
        actorId = actorId == null ? Optional.empty() : actorId;
        operation = operation == null ? Optional.empty() : operation.filter(o -> !o.isBlank());
        message = message == null ? Optional.empty() : message.filter(m -> !m.isBlank());
    }
}
