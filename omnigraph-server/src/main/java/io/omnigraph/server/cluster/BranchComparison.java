package io.omnigraph.server.cluster;

import io.omnigraph.engine.format.Commit;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Ahead/behind counts of two commits: how many commits only {@code a} reaches and how many only {@code b} reaches.
 *
 * <p>Walks both histories together, newest generation first, painting each commit with the side(s) that reach it.
 * A parent always has a lower generation than its children, so a commit's paint is final when it leaves the queue.
 * The walk stops as soon as every queued commit is reached by both sides (everything older is shared), so it costs
 * the commits since the two diverged, not the whole history; it gives up after {@code maxVisits} commits.
 */
final class BranchComparison {
    /** Commit visits after which the counts are reported as unknown. */
    static final int WALK_LIMIT = 10_000;

    private static final int A = 1;
    private static final int B = 2;
    private static final int BOTH = A | B;

    /** Commits only {@code a} reaches ({@code ahead}) and only {@code b} reaches ({@code behind}). */
    record Counts(long ahead, long behind) {
    }

    private BranchComparison() {
    }

    static Optional<Counts> count(Commit a, Commit b, Function<String, Commit> load, int maxVisits) {
        Map<String, Integer> flags = new HashMap<>();
        PriorityQueue<Commit> queue = new PriorityQueue<>(Comparator.comparingLong(Commit::generation).reversed()
                .thenComparing(Commit::id));
        flags.put(a.id(), A);
        queue.add(a);
        int bf = flags.getOrDefault(b.id(), 0);
        flags.put(b.id(), bf | B);
        if (bf == 0) {
            queue.add(b);
        }
        long ahead = 0;
        long behind = 0;
        int visits = 0;
        while (anyOneSided(queue, flags)) {
            if (++visits > maxVisits) {
                return Optional.empty();
            }
            Commit c = queue.poll();
            int f = flags.get(c.id());
            if (f == A) {
                ahead++;
            } else if (f == B) {
                behind++;
            }
            for (String p : c.parents()) {
                int pf = flags.getOrDefault(p, 0);
                int nf = pf | f;
                if (nf != pf) {
                    flags.put(p, nf);
                    if (pf == 0) {
                        queue.add(load.apply(p));
                    }
                }
            }
        }
        return Optional.of(new Counts(ahead, behind));
    }

    private static boolean anyOneSided(PriorityQueue<Commit> queue, Map<String, Integer> flags) {
        for (Commit c : queue) {
            if (flags.get(c.id()) != BOTH) {
                return true;
            }
        }
        return false;
    }
}
