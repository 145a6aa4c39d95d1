package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/branches/merge}. {@code branch_deleted} is absent unless deletion was requested; {@code branch_delete_error} is present iff it is {@code false}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BranchMergeOutput(
        String source,
        String target,
        BranchMergeOutcome outcome,
        @JsonProperty("actor_id") Optional<String> actorId,
        @JsonProperty("branch_deleted") Optional<Boolean> branchDeleted,
        @JsonProperty("branch_delete_error") Optional<String> branchDeleteError) {
    public BranchMergeOutput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        actorId = actorId == null ? Optional.empty() : actorId;
        branchDeleted = branchDeleted == null ? Optional.empty() : branchDeleted;
        branchDeleteError = branchDeleteError == null ? Optional.empty() : branchDeleteError;
    }
}
