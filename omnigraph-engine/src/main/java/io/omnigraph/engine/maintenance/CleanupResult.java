package io.omnigraph.engine.maintenance;

import java.util.List;

/**
 * The outcome (or, when {@code applied} is false, the preview) of {@code cleanup}.
 *
 * @param applied           objects were deleted (false for a preview)
 * @param branches          branch refs walked
 * @param reachableCommits  commits reachable from any branch (their commit objects are always kept)
 * @param retainedCommits   reachable commits whose data stays readable
 * @param reclaimedCommits  reachable commits whose data is no longer readable after this cleanup
 *                          ({@code historical_version_reclaimed} on time travel)
 * @param objectsRemoved    objects deleted (or that would be, in a preview)
 * @param bytesRemoved      their total size
 * @param segmentsRemoved   data/delete segments among them
 * @param commitsRemoved    commit objects among them (unreachable commits: failed writes, deleted branches)
 * @param protectedByGrace  unreachable objects younger than the grace period, kept for in-flight writers
 * @param errors            per-object deletion failures (the rest proceeded); re-running cleanup retries them
 */
public record CleanupResult(boolean applied, int branches, long reachableCommits, long retainedCommits,
                            long reclaimedCommits, long objectsRemoved, long bytesRemoved, long segmentsRemoved,
                            long commitsRemoved, long protectedByGrace, List<String> errors) {
    public CleanupResult {
        errors = List.copyOf(errors);
    }
}
