package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code GET /graphs/{id}/branches/{branch}/diff}: a branch compared with its target — both heads, their
 * merge base, ahead/behind commit counts (absent when the history walk gave up) and the net entity changes from the
 * merge base to the branch head (at most the requested limit; {@code truncated} says whether more exist).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BranchDiffOutput(
        String source,
        String target,
        @JsonProperty("source_commit_id") String sourceCommitId,
        @JsonProperty("target_commit_id") String targetCommitId,
        @JsonProperty("merge_base_commit_id") Optional<String> mergeBaseCommitId,
        Optional<Long> ahead,
        Optional<Long> behind,
        List<EntityChangeOutput> changes,
        boolean truncated) {
    public BranchDiffOutput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sourceCommitId, "source_commit_id");
        Objects.requireNonNull(targetCommitId, "target_commit_id");
        mergeBaseCommitId = mergeBaseCommitId == null ? Optional.empty() : mergeBaseCommitId;
        ahead = ahead == null ? Optional.empty() : ahead;
        behind = behind == null ? Optional.empty() : behind;
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
