package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.snapshot.Snapshot;

import java.util.function.Supplier;

/**
 * Handed to a {@link Rebaser} after a publish lost the ref compare-and-swap to other writers: the draft that lost,
 * the head it was prepared on, the new head, and (computed on demand) the new head's snapshot and what the commits in
 * between changed.
 */
public final class RebaseContext {
    private final CommitDraft draft;
    private final BranchHead base;
    private final BranchHead current;
    private final Supplier<Snapshot> snapshot;
    private final Supplier<ChangeSet> changes;
    private final int attempt;

    RebaseContext(CommitDraft draft, BranchHead base, BranchHead current, Supplier<Snapshot> snapshot,
                  Supplier<ChangeSet> changes, int attempt) {
        this.draft = draft;
        this.base = base;
        this.current = current;
        this.snapshot = snapshot;
        this.changes = changes;
        this.attempt = attempt;
    }

    public CommitDraft draft() {
        return draft;
    }

    /** The head the draft was prepared on. */
    public BranchHead base() {
        return base;
    }

    /** The branch head now. */
    public BranchHead current() {
        return current;
    }

    /** The snapshot at the current head (loaded on first call, cached by the handle). */
    public Snapshot currentSnapshot() {
        return snapshot.get();
    }

    /** What the commits between base and current changed (computed on first call). */
    public ChangeSet concurrentChanges() {
        return changes.get();
    }

    /** 1 for the first rebase of a publish call. */
    public int attempt() {
        return attempt;
    }
}
