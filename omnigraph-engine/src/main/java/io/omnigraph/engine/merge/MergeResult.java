package io.omnigraph.engine.merge;

import io.omnigraph.engine.format.Commit;

import java.util.Objects;
import java.util.Optional;

/**
 * A successful merge: its outcome, the published merge commit (absent for {@link MergeOutcome#ALREADY_UP_TO_DATE}),
 * the merge base used and what it cost.
 */
public record MergeResult(String source, String target, MergeOutcome outcome, Optional<String> actor,
                          Optional<Commit> commit, Optional<String> mergeBase, MergeStats stats) {
    public MergeResult {
        Objects.requireNonNull(source);
        Objects.requireNonNull(target);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(commit);
        Objects.requireNonNull(mergeBase);
        Objects.requireNonNull(stats);
        if (commit.isPresent() == (outcome == MergeOutcome.ALREADY_UP_TO_DATE)) {
            throw new IllegalArgumentException(outcome.wire() + (commit.isPresent() ? " with" : " without") + " a commit");
        }
    }
}
