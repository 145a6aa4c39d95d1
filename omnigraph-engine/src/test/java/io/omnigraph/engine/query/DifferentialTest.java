package io.omnigraph.engine.query;

import io.omnigraph.engine.query.testing.Differential;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    /** Count-only aggregates whose tails the executor factorises (path counts instead of rows), every shape of hop. */
    @Test
    void factorisedCountTailsMatchTheReference() {
        List<String> queries = List.of(
                "query q() { match { $a: A  $a aa $b  $b aa $c } return { count($c) as n } }",
                "query q() { match { $a: A  $a aa{1,2} $b  $b <aa> $c  $c.n > 0 } return { $a.name, count($c) as n } }",
                "query q() { match { $a: A  $b aa{2,3} $a  $b aB $x  $x.label starts_with \"l\" } return { $a, count($x) as n } }",
                "query q() { match { $c: C  $c ca $a  $a aa $b  $b.f > 1.0 } return { $c.code, count($b) as n, sum($c.code) as s } }",
                "query q() { match { $a: A  $a aB $b  $b bb{1,2} $d } return { count($d) as n, avg($a.n) as m, min($a.name) as mn } }",
                "query q() { match { $a: A  $x: C  $a aa $b } return { count($b) as n, count($x) as k } }",
                "query q() { match { $f: A  $f aa $p } return { $p.name, count($f) as n } order { n desc } limit 2 }",
                "query q() { match { $f: A  $f aa $p  $p aB $b } return { $b.name, count($f) as n } order { n desc, $b.name } }",
                "query q() { match { $a: A  $a <aa>{1,3} $b  $b aB $c  not { $a aa $_ } } return { count($c) as n } }",
                "query q() { match { $a: A  $a aa $b  $b aB $x  $x.label starts_with \"l\" } return { count($x) as n } }",
                "query q() { match { $x: B  $a aB $x  $a aa $b  $b.n > 1 } return { count($b) as n } }",
                "query q() { match { $c: C  $c ca $a  $a aa $b  $b aB $x  $a.n < 3  $x.n > 0 } return { count($x) as n } }",
                "query q() { match { $a: A  $a.name = \"b\"  $a aa $b  $b aa $c  $c aa $d } return { count($d) as n } }");
        Differential.Stats stats = new Differential.Stats();
        for (long seed = 1; seed <= 60; seed++) {
            Differential.checkFixed(seed, queries, stats);
        }
        assertThat(stats.skipped).as("%s", stats.skippedReasons).isZero();
        assertThat(stats.nonEmpty).isGreaterThan(stats.queries / 2);
    }
}
