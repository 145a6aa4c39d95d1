package io.omnigraph.engine.branch;

import io.omnigraph.engine.format.BranchRef;

import java.util.Objects;

/**
 * A branch ref as read from the store, with the store's version token of the ref object. Pass it back to publish:
 * the token is what the ref compare-and-swap expects.
 */
public record BranchHead(BranchRef ref, String version) {
    public BranchHead {
        Objects.requireNonNull(ref);
        Objects.requireNonNull(version);
    }

    public String name() {
        return ref.branch();
    }

    public String headCommitId() {
        return ref.head();
    }
}
