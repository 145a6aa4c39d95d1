package io.omnigraph.engine.merge;

import java.util.Locale;

/** How a merge ended (wire: {@code already_up_to_date | fast_forward | merged}). */
public enum MergeOutcome {
    /** The target already contains the source: nothing was published. */
    ALREADY_UP_TO_DATE,
    /** The target had not moved since the merge base: the source's changes were adopted in one merge commit. */
    FAST_FORWARD,
    /** Both sides changed since the merge base: a three-way merge commit was published. */
    MERGED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
