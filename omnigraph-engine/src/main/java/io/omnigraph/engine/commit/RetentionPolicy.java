package io.omnigraph.engine.commit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which commits keep their data readable through cleanup: the newest {@code keepCommits} commits on the first-parent
 * chain of every branch, plus every reachable commit created within {@code keepNewerThan}. Commit objects themselves
 * are always kept (history stays listable); only the data of other commits becomes reclaimable.
 */
public record RetentionPolicy(int keepCommits, Optional<Duration> keepNewerThan) {
    public RetentionPolicy {
        Objects.requireNonNull(keepNewerThan);
        if (keepCommits < 1) {
            throw new IllegalArgumentException("keepCommits must be >= 1 (the head is always kept)");
        }
    }

    /** Keeps the data of every reachable commit (removes only garbage of failed or abandoned writes). */
    public static RetentionPolicy keepAll() {
        return new RetentionPolicy(Integer.MAX_VALUE, Optional.empty());
    }
}
