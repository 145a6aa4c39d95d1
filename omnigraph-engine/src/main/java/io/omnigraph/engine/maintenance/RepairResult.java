package io.omnigraph.engine.maintenance;

import java.util.List;

/**
 * The outcome of {@code repair}: a verification of the graph's objects.
 *
 * @param classification {@code no_drift} when every branch head, its schema and every segment it references exist
 *                       and decode; {@code broken} otherwise (see {@code problems})
 * @param action         {@code no_op} (nothing to do), {@code preview} (something to heal, not confirmed),
 *                       {@code healed} (with --confirm), {@code refused} (broken objects: repair cannot recreate data)
 * @param tempObjectsFound   stale temporary files of interrupted local writes (older than the grace period)
 * @param tempObjectsRemoved of those, removed (with --confirm)
 */
public record RepairResult(String classification, String action, int branchesChecked, int commitsChecked,
                           int segmentsChecked, int historicalCommitsReclaimed, List<Problem> problems,
                           int tempObjectsFound, int tempObjectsRemoved) {
    public RepairResult {
        problems = List.copyOf(problems);
    }

    /** One broken object: its key, what refers to it, and what is wrong. */
    public record Problem(String key, String referencedBy, String issue) {
    }
}
