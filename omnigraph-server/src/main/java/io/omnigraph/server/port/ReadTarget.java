package io.omnigraph.server.port;

import java.util.Objects;

/** Where a read runs: the head of a branch, or a pinned snapshot id. */
public sealed interface ReadTarget {
    /** The head of {@code branch}. */
    record OnBranch(String branch) implements ReadTarget {
        public OnBranch {
            Objects.requireNonNull(branch, "branch");
        }
    }

    /** The exact snapshot {@code snapshotId} (time travel). */
    record AtSnapshot(String snapshotId) implements ReadTarget {
        public AtSnapshot {
            Objects.requireNonNull(snapshotId, "snapshotId");
        }
    }

    static ReadTarget branch(String branch) {
        return new OnBranch(branch);
    }

    static ReadTarget snapshot(String snapshotId) {
        return new AtSnapshot(snapshotId);
    }
}
