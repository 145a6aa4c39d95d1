package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;

import java.util.Objects;
import java.util.Optional;

/**
 * A publish: put {@code draft} on top of {@code base} (the branch head the draft was prepared on, with the ref
 * version token). {@code expectedHead} (the {@code --if-commit} precondition) makes any other head a
 * {@code precondition_failed} that is never retried. {@code rebaser} decides what happens when the branch moved.
 */
public record PublishRequest(BranchHead base, CommitDraft draft, Optional<String> expectedHead, Rebaser rebaser) {
    public PublishRequest {
        Objects.requireNonNull(base);
        Objects.requireNonNull(draft);
        expectedHead = expectedHead == null ? Optional.empty() : expectedHead;
        Objects.requireNonNull(rebaser);
    }

    /** A publish that rebases at key level ({@link Rebasers#keyLevel()}). */
    public static PublishRequest of(BranchHead base, CommitDraft draft) {
        return new PublishRequest(base, draft, Optional.empty(), Rebasers.keyLevel());
    }

    public PublishRequest ifHead(String commitId) {
        return new PublishRequest(base, draft, Optional.of(commitId), rebaser);
    }

    public PublishRequest withRebaser(Rebaser r) {
        return new PublishRequest(base, draft, expectedHead, r);
    }
}
