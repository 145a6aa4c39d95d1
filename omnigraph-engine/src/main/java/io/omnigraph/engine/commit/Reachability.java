package io.omnigraph.engine.commit;

import java.util.Set;

/**
 * The result of a reachability walk: every object key that must be kept ({@code liveKeys}), every commit reachable
 * from a branch ref through first and merged parents, and the subset whose data is retained.
 */
public record Reachability(Set<String> liveKeys, Set<String> reachableCommits, Set<String> retainedCommits) {
    public Reachability {
        liveKeys = Set.copyOf(liveKeys);
        reachableCommits = Set.copyOf(reachableCommits);
        retainedCommits = Set.copyOf(retainedCommits);
    }
}
