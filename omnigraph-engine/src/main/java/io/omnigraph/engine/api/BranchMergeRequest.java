package io.omnigraph.engine.api;

import io.omnigraph.engine.branch.BranchNames;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code branch merge SOURCE [--into TARGET] [--delete-branch]}: merge {@code source} into {@code target} (default
 * {@code main}); {@code deleteBranch} deletes the source afterwards (also when already up to date); {@code message}
 * overrides the merge commit message.
 */
public record BranchMergeRequest(String source, String target, boolean deleteBranch, Optional<String> message) {
    public BranchMergeRequest {
        Objects.requireNonNull(source);
        target = target == null ? BranchNames.MAIN : target;
        message = message == null ? Optional.empty() : message;
    }

    public static BranchMergeRequest of(String source, String target) {
        return new BranchMergeRequest(source, target, false, Optional.empty());
    }

    public BranchMergeRequest deletingSource() {
        return new BranchMergeRequest(source, target, true, message);
    }
}
