package io.omnigraph.engine.api;

import io.omnigraph.engine.merge.MergeResult;

import java.util.Objects;
import java.util.Optional;

/**
 * A merge that succeeded (openapi {@code BranchMergeOutput}): the merge itself, and — when the source's deletion was
 * requested — whether it was deleted ({@code branchDeleted}) or why not ({@code branchDeleteError}; a failed deletion
 * never fails the merge).
 */
public record BranchMergeResult(MergeResult merge, Optional<Boolean> branchDeleted, Optional<String> branchDeleteError) {
    public BranchMergeResult {
        Objects.requireNonNull(merge);
        Objects.requireNonNull(branchDeleted);
        Objects.requireNonNull(branchDeleteError);
        if (branchDeleteError.isPresent() != (branchDeleted.isPresent() && !branchDeleted.get())) {
            throw new IllegalArgumentException("branch_delete_error is present iff branch_deleted is false");
        }
    }
}
