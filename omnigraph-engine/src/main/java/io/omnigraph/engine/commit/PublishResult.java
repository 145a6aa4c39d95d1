package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.format.Commit;

/**
 * The receipt of a publish: the commit that became visible, the branch head right after it (when known), how many
 * attempts it took, and whether success was established by re-reading after an ambiguous store answer.
 *
 * @param head the ref written by this publish with its version token; after an ambiguous success the head that was
 *             read back (it may already be newer than {@code commit})
 */
public record PublishResult(Commit commit, BranchHead head, int attempts, boolean confirmedAfterAmbiguity) {
}
