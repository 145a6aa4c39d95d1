package io.omnigraph.engine.merge;

import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.history.SidePaint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much of a branch's history no other branch contains — the basis of the warning {@code branch delete} prints.
 * Our branches do not depend on each other physically (segments are shared by reference and cleanup honours every
 * ref), so deleting a branch never breaks another one and is never refused for that; what a delete can lose is the
 * commits only that branch reaches. They stay readable by id until cleanup reclaims them.
 *
 * <p>A {@link SidePaint} walk from the branch head against every other head: a commit only the branch reaches is
 * unmerged. It costs the commits since the branch diverged (plus the other heads' commits down to that generation),
 * not the whole history, and gives up after {@code maxCommits} visits.
 */
public final class UnmergedCommits {
    private UnmergedCommits() {
    }

    /** The count, or empty when the walk needed more than {@code maxCommits} commit visits. */
    public static Optional<Integer> count(GraphStore store, String branch, int maxCommits) {
        Commit head = store.commit(store.readBranch(branch).headCommitId());
        List<Commit> others = new ArrayList<>();
        for (String other : store.listBranches()) {
            if (!other.equals(branch)) {
                store.findBranch(other).ifPresent(h -> others.add(store.commit(h.headCommitId())));
            }
        }
        return SidePaint.onlyA(List.of(head), others, store::commit, maxCommits).map(Math::toIntExact);
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
