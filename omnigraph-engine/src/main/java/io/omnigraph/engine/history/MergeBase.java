package io.omnigraph.engine.history;

import io.omnigraph.engine.format.Commit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * Merge-base search over the commit DAG following <em>both</em> first and merged parents (a merge base reachable only
 * through a merge parent must be found; ignoring merged parents is the false-conflict bug of the original). Walks
 * newest generation first, painting commits with "reachable from A" / "reachable from B", and stops once every queued
 * commit is below a found common ancestor (the classic paint-down-to-common walk, bounded by generation numbers).
 * Among several best common ancestors (criss-cross merges) the one with the highest generation wins, ties broken by
 * the smallest id, so the answer is deterministic.
 */
public final class MergeBase {
    private static final int A = 1;
    private static final int B = 2;
    private static final int STALE = 4;
    private static final int RESULT = 8;

    private MergeBase() {
    }

    /** All best common ancestors (none of them an ancestor of another), ordered best first. */
    public static List<Commit> all(Commit a, Commit b, Function<String, Commit> load) {
        return all(a, b, load, ids -> ids.stream().map(load).toList());
    }

    /**
     * As {@link #all(Commit, Commit, Function)}; {@code loadMany} loads several commits at once (in parallel: the
     * parents of one step, e.g. both parents of a merge commit, cost one round trip). Parents that could only mark
     * already-stale ancestry are not loaded once nothing non-stale is left to walk (same answer, fewer reads).
     */
    public static List<Commit> all(Commit a, Commit b, Function<String, Commit> load,
                                   Function<List<String>, List<Commit>> loadMany) {
        if (a.id().equals(b.id())) {
            return List.of(a);
        }
        Comparator<Commit> order = Comparator.comparingLong(Commit::generation).reversed().thenComparing(Commit::id);
        PriorityQueue<Commit> queue = new PriorityQueue<>(order);
        Map<String, Integer> flags = new HashMap<>();
        flags.put(a.id(), A);
        flags.put(b.id(), B);
        queue.add(a);
        queue.add(b);
        List<Commit> results = new ArrayList<>();
        // a commit is queued at most once: its flags are read when it is polled, so a second entry would only repeat
        // the same step (and keep the walk alive for nothing)
        Set<String> queued = new HashSet<>(List.of(a.id(), b.id()));
        java.util.LinkedHashSet<String> pending = new java.util.LinkedHashSet<>();
        while (true) {
            if (!pending.isEmpty()) {
                boolean live = hasNonStale(queue, flags);
                for (String pid : pending) {
                    live |= (flags.get(pid) & STALE) == 0;
                }
                if (!live) {
                    break; // the walk would stop with only stale commits queued: their loads cannot change the result
                }
                for (Commit p : loadMany.apply(List.copyOf(pending))) {
                    if (queued.add(p.id())) {
                        queue.add(p);
                    }
                }
                pending.clear();
            }
            if (!hasNonStale(queue, flags)) {
                break;
            }
            Commit c = queue.poll();
            queued.remove(c.id());
            int f = flags.get(c.id());
            if ((f & (A | B)) == (A | B)) {
                if ((f & RESULT) == 0) {
                    flags.put(c.id(), f | RESULT);
                    results.add(c);
                }
                f |= STALE;
            }
            for (String pid : c.parents()) {
                int pf = flags.getOrDefault(pid, 0);
                int nf = pf | (f & (A | B | STALE));
                if (nf != pf) {
                    flags.put(pid, nf);
                    if (!queued.contains(pid)) {
                        pending.add(pid);
                    }
                }
            }
        }
        return removeRedundant(results, load, order);
    }

    /** The best common ancestor, or empty for unrelated histories (parents of a step loaded with {@code loadMany}). */
    public static Optional<Commit> best(Commit a, Commit b, Function<String, Commit> load,
                                        Function<List<String>, List<Commit>> loadMany) {
        List<Commit> all = all(a, b, load, loadMany);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The best common ancestor, or empty for unrelated histories. */
    public static Optional<Commit> best(Commit a, Commit b, Function<String, Commit> load) {
        List<Commit> all = all(a, b, load);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** True when {@code ancestor} is reachable from {@code descendant} (or equal). */
    public static boolean isAncestor(Commit ancestor, Commit descendant, Function<String, Commit> load) {
        if (ancestor.id().equals(descendant.id())) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        List<Commit> stack = new ArrayList<>(List.of(descendant));
        while (!stack.isEmpty()) {
            Commit c = stack.remove(stack.size() - 1);
            for (String p : c.parents()) {
                if (p.equals(ancestor.id())) {
                    return true;
                }
                if (seen.add(p)) {
                    Commit pc = load.apply(p);
                    if (pc.generation() > ancestor.generation()) {
                        stack.add(pc);
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasNonStale(PriorityQueue<Commit> queue, Map<String, Integer> flags) {
        for (Commit c : queue) {
            if ((flags.get(c.id()) & STALE) == 0) {
                return true;
            }
        }
        return false;
    }

    private static List<Commit> removeRedundant(List<Commit> results, Function<String, Commit> load, Comparator<Commit> order) {
        List<Commit> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(results));
        sorted.sort(order);
        if (sorted.size() <= 1) {
            return sorted;
        }
        List<Commit> out = new ArrayList<>();
        for (Commit c : sorted) {
            boolean redundant = false;
            for (Commit other : sorted) {
                if (other != c && other.generation() > c.generation() && isAncestor(c, other, load)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                out.add(c);
            }
        }
        return out;
    }
}
