package io.omnigraph.engine.commit;

/**
 * Decides what to do when a publish lost the ref compare-and-swap because the branch moved: re-apply the draft
 * (possibly adjusted; segments already uploaded are reused) or fail with a typed conflict. Called at most once per
 * lost attempt; must not perform writes.
 */
@FunctionalInterface
public interface Rebaser {
    RebaseDecision rebase(RebaseContext context);
}
