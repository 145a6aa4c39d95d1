package io.omnigraph.engine.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the merged result before anything is published (engine.md §2.3 step 7) and reports integrity violations
 * as merge conflicts ({@code orphan_edge}, {@code unique_violation}, {@code cardinality_violation},
 * {@code value_constraint_violation}). Runs only when the row-level merge produced no conflicts. Must not write.
 */
@FunctionalInterface
public interface MergeValidator {
    /** The violations of the merged result; empty when it is valid. */
    List<MergeConflict> validate(MergedResult result);

    /** Accepts everything. */
    static MergeValidator none() {
        return r -> List.of();
    }

    /** Runs several validators and concatenates their findings. */
    static MergeValidator all(List<MergeValidator> validators) {
        List<MergeValidator> copy = List.copyOf(validators);
        return r -> {
            List<MergeConflict> out = new ArrayList<>();
            for (MergeValidator v : copy) {
                out.addAll(v.validate(r));
            }
            return out;
        };
    }
}
