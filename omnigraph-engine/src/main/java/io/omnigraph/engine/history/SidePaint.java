package io.omnigraph.engine.history;

import io.omnigraph.engine.format.Commit;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Counts the commits only one of two sets of heads reaches. Walks both histories together, newest generation first,
 * painting each commit with the side(s) that reach it; a parent always has a lower generation than its children, so a
 * commit's paint is final when it leaves the queue. The walk stops as soon as no queued commit is painted by one side
 * alone among the sides being counted (everything older is reached by both), so it costs the commits since the sides
 * diverged, not the whole history; it gives up after {@code maxVisits} commit visits.
 */
public final class SidePaint {
    private static final int A = 1;
    private static final int B = 2;

    /** Commits reached only from side A and only from side B. */
    public record Counts(long onlyA, long onlyB) {
    }

    private SidePaint() {
    }

    /**
     * The counts of commits only {@code a} reaches and only {@code b} reaches; empty when the walk needed more than
     * {@code maxVisits} visits.
     */
    public static Optional<Counts> both(Collection<Commit> a, Collection<Commit> b, Function<String, Commit> load,
                                        int maxVisits) {
        return walk(a, b, load, maxVisits, true);
    }

    /**
     * The count of commits only {@code a} reaches ({@link Counts#onlyA}; {@code onlyB} is not meaningful: the walk
     * stops once side A is settled); empty when the walk needed more than {@code maxVisits} visits.
     */
    public static Optional<Long> onlyA(Collection<Commit> a, Collection<Commit> b, Function<String, Commit> load,
                                       int maxVisits) {
        return walk(a, b, load, maxVisits, false).map(Counts::onlyA);
    }

    private static Optional<Counts> walk(Collection<Commit> a, Collection<Commit> b, Function<String, Commit> load,
                                         int maxVisits, boolean countB) {
        Map<String, Integer> flags = new HashMap<>();
        PriorityQueue<Commit> queue = new PriorityQueue<>(Comparator.comparingLong(Commit::generation).reversed()
                .thenComparing(Commit::id));
        paint(a, A, flags, queue);
        paint(b, B, flags, queue);
        long onlyA = 0;
        long onlyB = 0;
        int visits = 0;
        while (oneSidedQueued(queue, flags, countB)) {
            if (++visits > maxVisits) {
                return Optional.empty();
            }
            Commit c = queue.poll();
            int f = flags.get(c.id());
            if (f == A) {
                onlyA++;
            } else if (f == B) {
                onlyB++;
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
        return Optional.of(new Counts(onlyA, onlyB));
    }

    private static void paint(Collection<Commit> heads, int side, Map<String, Integer> flags, PriorityQueue<Commit> queue) {
        for (Commit c : heads) {
            int before = flags.getOrDefault(c.id(), 0);
            flags.put(c.id(), before | side);
            if (before == 0) {
                queue.add(c);
            }
        }
    }

    private static boolean oneSidedQueued(PriorityQueue<Commit> queue, Map<String, Integer> flags, boolean countB) {
        for (Commit c : queue) {
            int f = flags.get(c.id());
            if (f == A || (countB && f == B)) {
                return true;
            }
        }
        return false;
    }
}
