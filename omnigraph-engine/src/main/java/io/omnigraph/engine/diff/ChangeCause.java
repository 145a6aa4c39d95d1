package io.omnigraph.engine.diff;

import io.omnigraph.engine.format.Commit;

import java.util.Objects;
import java.util.Optional;

/**
 * The commit a block of changes comes from (openapi {@code ChangeCauseOutput}): its id, first parent, merged parent
 * (merge commits), the branch it was authored on (not the branch being read), actor and authorship time (µs).
 */
public record ChangeCause(String graphCommitId, Optional<String> parentCommitId, Optional<String> mergedParentCommitId,
                          String authoredBranch, Optional<String> actorId, long authoredAt) {
    public ChangeCause {
        Objects.requireNonNull(graphCommitId);
        Objects.requireNonNull(parentCommitId);
        Objects.requireNonNull(mergedParentCommitId);
        Objects.requireNonNull(authoredBranch);
        Objects.requireNonNull(actorId);
    }

    public static ChangeCause of(Commit c) {
        return new ChangeCause(c.id(), c.firstParent(), c.mergedParent(), c.branch(), c.actor(), c.createdAt());
    }
}
