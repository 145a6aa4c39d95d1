package io.omnigraph.bench.compare;

import io.omnigraph.bench.social.SocialGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The side-by-side harness on a tiny graph with OmniGraph only (Kuzu and Neo4j are not on the default class path):
 * every query runs and Q8's answer equals the 2-hop count computed from the generator's arrays; the report accepts
 * equal answers and answers differing only in the order of tied rows, and flags any other difference.
 */
class CompareBenchTest {

    @Test
    void omnigraphRunsAllNineQueriesAndQ8MatchesTheArrays(@TempDir Path dir) throws Exception {
        SocialGraph.Params p = SocialGraph.Params.tiny();
        CompareBench.Result r = CompareBench.run(new OmniGraphSystem(), p, dir, 2, 0, 60, List.of());
        assertThat(r.queries()).extracting(CompareBench.QueryFigures::id)
                .containsExactly("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9");
        assertThat(r.queries()).allSatisfy(q -> assertThat(q.runs()).isEqualTo(2));
        SocialGraph.Data d = SocialGraph.generate(p);
        long[] out = new long[d.names().length];
        for (int e = 0; e < d.follows(); e++) {
            out[d.followSrc()[e]]++;
        }
        long paths = 0;
        for (int e = 0; e < d.follows(); e++) {
            paths += out[d.followDst()[e]];
        }
        assertThat(r.queries().get(7).rows()).containsExactly(List.of(Long.toString(paths)));
        assertThat(r.loadSeconds()).isPositive();

        // a peer with identical answers, one with tied rows swapped, one with a wrong count
        CompareBench.Result same = peer(r, "kuzu", r.queries());
        List<CompareBench.QueryFigures> swapped = new ArrayList<>(r.queries());
        CompareBench.QueryFigures q3 = r.queries().get(2);
        swapped.set(2, new CompareBench.QueryFigures(q3.id(), q3.label(), List.of(List.of("X", "1.0000"), List.of("Y", "1.0000")),
                1, 1, 1, 1, 1));
        List<CompareBench.QueryFigures> ours = new ArrayList<>(r.queries());
        ours.set(2, new CompareBench.QueryFigures(q3.id(), q3.label(), List.of(List.of("Y", "1.0000"), List.of("X", "1.0000")),
                1, 1, 1, 1, 1));
        CompareBench.Result oursTied = new CompareBench.Result("omnigraph", r.version(), r.jdk(), r.cores(), r.maxHeapMiB(),
                r.persons(), r.follows(), r.loadSeconds(), 1, 1, ours);
        List<CompareBench.QueryFigures> wrong = new ArrayList<>(ours);
        CompareBench.QueryFigures q8 = r.queries().get(7);
        wrong.set(7, new CompareBench.QueryFigures("Q8", q8.label(), List.of(List.of("1")), 1, 1, 1, 1, 1));
        CompareReport.Report ok = CompareReport.report(List.of(oursTied, peer(r, "kuzu", swapped)));
        assertThat(ok.mismatches()).isEmpty();
        assertThat(ok.markdown()).contains("ties ordered differently", "| Q8 2-hop path count |");
        assertThat(CompareReport.report(List.of(r, same)).mismatches()).isEmpty();
        CompareReport.Report bad = CompareReport.report(List.of(oursTied, peer(r, "neo4j", wrong)));
        assertThat(bad.mismatches()).singleElement().asString().startsWith("neo4j Q8");
        assertThat(bad.markdown()).contains("**neo4j DIFFERS**");
    }

    private static CompareBench.Result peer(CompareBench.Result r, String name, List<CompareBench.QueryFigures> qs) {
        return new CompareBench.Result(name, name, r.jdk(), r.cores(), r.maxHeapMiB(), r.persons(), r.follows(), 1.0, 1, 1, qs);
    }

    @Test
    void tiesAreOnlyForgivenAmongEqualKeysAndAboveTheLimitBoundary() {
        assertThat(CompareReport.equalUpToTies(List.of(List.of("a", "3"), List.of("b", "2"), List.of("c", "2")),
                List.of(List.of("a", "3"), List.of("c", "2"), List.of("b", "2")))).isTrue();
        // the boundary key's rows may differ (LIMIT cut a tie), the rows above it may not
        assertThat(CompareReport.equalUpToTies(List.of(List.of("a", "3"), List.of("b", "2")),
                List.of(List.of("a", "3"), List.of("z", "2")))).isTrue();
        assertThat(CompareReport.equalUpToTies(List.of(List.of("a", "3"), List.of("b", "2")),
                List.of(List.of("x", "3"), List.of("b", "2")))).isFalse();
        assertThat(CompareReport.equalUpToTies(List.of(List.of("a", "3")), List.of(List.of("a", "4")))).isFalse();
    }
}
