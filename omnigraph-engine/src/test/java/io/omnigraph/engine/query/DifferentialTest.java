package io.omnigraph.engine.query;

import io.omnigraph.engine.query.testing.Differential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generative correctness test (deterministic seeds): a few hundred random graphs × random queries, the executor in
 * every index mode against the nested-loop reference evaluator. A failure message carries the seed, the query and
 * the data, so it can be replayed with {@link Differential#check}.
 */
class DifferentialTest {
    static final int GRAPHS = Integer.getInteger("omnigraph.test.differential.graphs", 250);
    static final int QUERIES = 12;

    @Test
    void executorMatchesTheReferenceOnRandomGraphsAndQueries() {
        Differential.Stats stats = new Differential.Stats();
        for (long seed = 1; seed <= GRAPHS; seed++) {
            Differential.check(seed, QUERIES, stats);
        }
        System.out.println(stats);
        assertThat(stats.graphs).isEqualTo(GRAPHS);
        // the generator must mostly produce valid queries, and many with results, or this test proves little
        assertThat(stats.skipped).as("skipped: %s", stats.skippedReasons).isLessThan(stats.queries / 10);
        assertThat(stats.nonEmpty).isGreaterThan(stats.queries / 4);
    }
}
