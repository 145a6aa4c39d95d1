package io.omnigraph.engine.merge;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.format.Commit;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * How much of a branch's history no other branch contains — the basis of the warning {@code branch delete} prints.
 * Our branches do not depend on each other physically (segments are shared by reference and cleanup honours every
 * ref), so deleting a branch never breaks another one and is never refused for that; what a delete can lose is the
 * commits only that branch reaches. They stay readable by id until cleanup reclaims them.
 *
 * <p>Walks newest generation first from the branch head and from every other head, painting "reachable from the
 * branch" and "reachable from another branch"; a commit painted only by the branch is unmerged. The walk stops as
 * soon as no such commit is left in the queue, so it costs the commits since the branch diverged (plus the other
 * heads' commits down to that generation), not the whole history; it gives up after {@code maxCommits} visits.
 */
public final class UnmergedCommits {
    private static final int MINE = 1;
    private static final int OTHERS = 2;

    private UnmergedCommits() {
    }

    /** The count, or empty when the walk needed more than {@code maxCommits} commit visits. */
    public static Optional<Integer> count(GraphStore store, String branch, int maxCommits) {
        BranchHead mine = store.readBranch(branch);
        Map<String, Integer> flags = new HashMap<>();
        PriorityQueue<Commit> queue = new PriorityQueue<>(Comparator.comparingLong(Commit::generation).reversed()
                .thenComparing(Commit::id));
        Commit head = store.commit(mine.headCommitId());
        flags.put(head.id(), MINE);
        queue.add(head);
        for (String other : store.listBranches()) {
            if (other.equals(branch)) {
                continue;
            }
            Optional<BranchHead> h = store.findBranch(other);
            if (h.isEmpty()) {
                continue;
            }
            String id = h.get().headCommitId();
            int before = flags.getOrDefault(id, 0);
            flags.put(id, before | OTHERS);
            if (before == 0) {
                queue.add(store.commit(id));
            }
        }
        int unmerged = 0;
        int visits = 0;
        while (hasMineOnly(queue, flags)) {
            if (++visits > maxCommits) {
                return Optional.empty();
            }
            Commit c = queue.poll();
            int f = flags.get(c.id());
            if (f == MINE) {
                unmerged++;
            }
            for (String p : c.parents()) {
                int pf = flags.getOrDefault(p, 0);
                int nf = pf | f;
                if (nf != pf) {
                    flags.put(p, nf);
                    if (pf == 0) {
                        queue.add(store.commit(p));
                    }
                }
            }
        }
        return Optional.of(unmerged);
    }

    private static boolean hasMineOnly(PriorityQueue<Commit> queue, Map<String, Integer> flags) {
        for (Commit c : queue) {
            if (flags.get(c.id()) == MINE) {
                return true;
            }
        }
        return false;
    }

    /** The stderr warning for deleting {@code branch} with {@code count} unmerged commits (empty when none). */
    public static Optional<String> warning(String branch, Optional<Integer> count) {
        if (count.isPresent() && count.get() == 0) {
            return Optional.empty();
        }
        String n = count.map(c -> c + " commit" + (c == 1 ? "" : "s")).orElse("many commits");
        return Optional.of("warning: branch '" + branch + "' had " + n + " that no other branch contains; they stay "
                + "readable by id (commit show / query --snapshot) until cleanup reclaims them");
    }
}
