package io.omnigraph.engine.query;

import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.output.OutputFormat;
import io.omnigraph.engine.query.testing.TestGraph;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Graph.query}: errors with codes, branch reads, index sharing between branches. */
class QueryFacadeTest {

    static TestGraph seeded() {
        TestGraph g = TestGraph.create(Fixtures.text("engine/test.pg"));
        g.load(Fixtures.text("engine/test.jsonl"), LoadMode.OVERWRITE);
        return g;
    }

    @Test
    void errorsCarryCodesAndNameWhatIsWrong() {
        try (TestGraph g = seeded()) {
            String file = Fixtures.text("engine/test.gq");
            assertThatThrownBy(() -> g.query(file, "get_persn", "{}", ReadTarget.branch("main"), ExecOptions.defaults()))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.UNKNOWN_QUERY);
                        assertThat(e.getMessage()).contains("query 'get_persn' not found")
                                .contains("available: get_person, adults, friends_of");
                    });
            assertThatThrownBy(() -> g.query(file, "get_person", "{\"name\": 3}", ReadTarget.branch("main"), ExecOptions.defaults()))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).isEqualTo("param 'name': expected String, got 3");
                    });
            assertThatThrownBy(() -> g.query(file, "get_person", "{}", ReadTarget.branch("main"), ExecOptions.defaults()))
                    .isInstanceOfSatisfying(EngineException.Invalid.class,
                            e -> assertThat(e.getMessage()).isEqualTo("parameter 'name' not provided"));
            assertThatThrownBy(() -> g.query("query q() { match { $p: Persn } return { $p } }", "q", null,
                    ReadTarget.branch("main"), ExecOptions.defaults()))
                    .isInstanceOfSatisfying(EngineException.Compile.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.QUERY_ERROR);
                        assertThat(e.getMessage()).contains("T1").contains("Persn");
                    });
            assertThatThrownBy(() -> g.query("query m() { delete Person where name = \"x\" }", "m", null,
                    ReadTarget.branch("main"), ExecOptions.defaults()))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.getMessage()).contains("is a mutation"));
            assertThatThrownBy(() -> g.facade().query(Optional.empty(), QueryRequest.of(file)))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.getMessage()).contains("name the one to run"));
            assertThatThrownBy(() -> g.query(file, "adults", null, ReadTarget.branch("nope"), ExecOptions.defaults()))
                    .isInstanceOf(EngineException.NotFound.class);
        }
    }

    /** AC19 through the engine: every typecheck error surfaces as {@code query_error} naming its T-code. */
    @Test
    void typeErrorsOfAc19SurfaceWithTheirCodes() {
        try (TestGraph g = seeded()) {
            String[][] cases = {
                    {"match { $x: Nope } return { $x }", "T1"},
                    {"match { $p: Person { nope: 1 } } return { $p }", "T2"},
                    {"match { $p: Person { age: \"x\" } } return { $p }", "T3"},
                    {"match { $p: Person  $p likes $f } return { $p }", "T4"},
                    {"match { $c: Company  $c knows $f } return { $c }", "T5"},
                    {"match { $p: Person } return { $p.nope }", "T6"},
                    {"match { $p: Person  $p.age > \"x\" } return { $p }", "T7"},
                    {"match { $p: Person } return { sum($p.name) as s }", "T8"},
                    {"match { $p: Person  $p knows{0,2} $f } return { $f }", "T15"},
                    {"match { $p: Person  $p knows{3,2} $f } return { $f }", "T15"},
                    {"match { $p: Person  $p knows{1,} $f } return { $f }", "T15"},
                    {"match { $p: Person  $p <worksAt> $c } return { $c }", "T22"},
                    {"match { $p: Person  $p $w:knows{1,2} $f } return { $f }", "T23"},
                    {"match { $p: Person  $p $w:knows $f } return { $w }", "T23"}};
            for (String[] c : cases) {
                String q = "query q() { " + c[0] + " }";
                assertThatThrownBy(() -> g.query(q, "q", null, ReadTarget.branch("main"), ExecOptions.defaults()))
                        .as(q).isInstanceOfSatisfying(EngineException.Compile.class, e -> {
                            assertThat(e.code()).isEqualTo(EngineErrorCode.QUERY_ERROR);
                            assertThat(e.getMessage()).contains(c[1] + ":");
                        });
            }
        }
    }

    @Test
    void singleQuerySourcesNeedNoNameAndResultsRender() {
        try (TestGraph g = seeded()) {
            QueryResult r = g.facade().query(Optional.empty(), QueryRequest.of(
                    "query adults() { match { $p: Person  $p.age > 26 } return { $p.name, $p.age } order { $p.age desc } }"));
            assertThat(r.queryName()).isEqualTo("adults");
            assertThat(r.target()).isEqualTo(QueryTarget.branch("main"));
            assertThat(r.graphCommitId()).isPresent();
            assertThat(OutputFormat.TABLE.render(r)).isEqualTo("""
                    3 rows from branch main via adults
                    p.name  | p.age
                    --------+------
                    Charlie | 35
                    Alice   | 30
                    Diana   | 28
                    """);
        }
    }

    @Test
    void branchesShareIndexesUntilTheyChangeATable() {
        try (TestGraph g = seeded()) {
            String q = "query f($n: String) { match { $p: Person { name: $n }  $p knows $f } return { $f.name } }";
            assertThat(g.run(q, "f", "{\"n\":\"Alice\"}").rowCount()).isEqualTo(2);
            long builds = g.facade().indexes().topologyBuilds();
            assertThat(builds).isEqualTo(1); // only Knows: a single-edge query builds only that edge's index
            g.facade().createBranch(Optional.empty(), "feature", "main");
            assertThat(g.run(q, "f", "{\"n\":\"Alice\"}", ReadTarget.branch("feature"), ExecOptions.defaults()).rowCount()).isEqualTo(2);
            assertThat(g.facade().indexes().topologyBuilds()).as("a fresh branch reuses main's index").isEqualTo(builds);
            g.load("{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Diana\"}", LoadMode.MERGE, "feature");
            assertThat(g.run(q, "f", "{\"n\":\"Alice\"}", ReadTarget.branch("feature"), ExecOptions.defaults()).rowCount()).isEqualTo(3);
            assertThat(g.run(q, "f", "{\"n\":\"Alice\"}").rowCount()).isEqualTo(2);
            assertThat(g.facade().indexes().topologyBuilds()).isEqualTo(builds + 1);
        }
    }
}
