package io.omnigraph.engine.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.query.testing.TestGraph;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AC13 (literals and string predicates) and AC14 (lists, DateTime round trip) of languages.md §5. */
class LiteralsAndListsTest {
    static final String METRICS = """
            node Metric { name: String @key  label: String? @index  score: F64?  ratio: F32?  count: I32?  active: Bool?  born: Date?  seen: DateTime? }
            node Tag { tname: String @key }
            edge Tagged: Metric -> Tag
            """;
    static TestGraph metrics;

    @BeforeAll
    static void load() {
        metrics = TestGraph.create(METRICS);
        metrics.load("""
                {"type":"Metric","data":{"name":"m1","label":"alpha one","score":2.5,"ratio":0.5,"count":1,"active":true,"born":"2024-06-01","seen":"2024-06-01T12:00:00Z"}}
                {"type":"Metric","data":{"name":"m2","label":"alps","score":1.0,"ratio":0.25,"count":2,"active":false,"born":"2023-01-01","seen":"2023-01-01T00:00:00Z"}}
                {"type":"Metric","data":{"name":"m3","label":"beta ray","score":3.0,"ratio":0.75,"count":3,"active":true,"born":"2025-01-01","seen":"2025-01-01T00:00:00Z"}}
                {"type":"Metric","data":{"name":"m4","score":0.5,"ratio":0.1,"count":4,"active":false,"born":"2022-12-31","seen":"2022-01-01T00:00:00Z"}}
                {"type":"Tag","data":{"tname":"alpine"}}
                {"type":"Tag","data":{"tname":"basalt"}}
                {"edge":"Tagged","from":"m1","to":"alpine"}
                {"edge":"Tagged","from":"m1","to":"basalt"}
                {"edge":"Tagged","from":"m3","to":"basalt"}
                """, LoadMode.OVERWRITE);
    }

    @AfterAll
    static void close() {
        metrics.close();
    }

    static List<String> names(IndexMode mode, String clauses) {
        String q = "query q() { match { $m: Metric " + clauses + " } return { $m.name } }";
        return TestGraph.json(metrics.run(q, "q", null, ReadTarget.branch("main"), ExecOptions.defaults().withIndexMode(mode)))
                .stream().map(o -> o.get("m.name").asText()).toList();
    }

    static String[] set(String... s) {
        return s;
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac13LiteralsAndStringPredicates(IndexMode mode) {
        assertThat(names(mode, "$m.score > 1.5")).containsExactlyInAnyOrder(set("m1", "m3"));
        assertThat(names(mode, "$m.ratio <= 0.25")).containsExactlyInAnyOrder(set("m2", "m4"));
        assertThat(names(mode, "")).hasSize(4);
        assertThat(metricsBinding(mode, "score: 3.0")).containsExactlyInAnyOrder(set("m3"));
        assertThat(metricsBinding(mode, "count: 2")).containsExactlyInAnyOrder(set("m2"));
        assertThat(metricsBinding(mode, "count: 2.7")).isEmpty();
        assertThat(metricsBinding(mode, "ratio: 0.25")).containsExactlyInAnyOrder(set("m2"));
        assertThat(names(mode, "$m.count >= 3")).containsExactlyInAnyOrder(set("m3", "m4"));
        assertThat(names(mode, "$m.active = true")).containsExactlyInAnyOrder(set("m1", "m3"));
        assertThat(names(mode, "$m.active != true")).containsExactlyInAnyOrder(set("m2", "m4"));
        assertThat(names(mode, "$m.born >= date(\"2024-01-01\")")).containsExactlyInAnyOrder(set("m1", "m3"));
        assertThat(names(mode, "$m.seen < datetime(\"2024-01-01T00:00:00Z\")")).containsExactlyInAnyOrder(set("m2", "m4"));
        assertThat(metricsBinding(mode, "born: date(\"2024-06-01\")")).containsExactlyInAnyOrder(set("m1"));
        assertThat(names(mode, "$m.label starts_with \"alp\"")).containsExactlyInAnyOrder(set("m1", "m2"));
        assertThat(names(mode, "$m.label contains \"ta r\"")).containsExactlyInAnyOrder(set("m3"));
        assertThat(names(mode, "$m.label contains \"a\"")).containsExactlyInAnyOrder(set("m1", "m2", "m3"));
        assertThat(names(mode, "$m.name starts_with \"m\"")).containsExactlyInAnyOrder(set("m1", "m2", "m3", "m4"));
        assertThat(names(mode, "\"the alps are tall\" contains $m.label")).containsExactlyInAnyOrder(set("m2"));
        assertThat(names(mode, "$m.label starts_with $m.name")).isEmpty();
        String cross = "query c() { match { $a: Metric  $b: Metric  $b.label starts_with $a.label } return { $a.name, $b.name } }";
        assertThat(metrics.run(cross, "c", null, ReadTarget.branch("main"), ExecOptions.defaults().withIndexMode(mode)).rowCount())
                .isEqualTo(3);
        assertThat(names(mode, "not { $m tagged $t  $t.tname contains \"sal\" }")).containsExactlyInAnyOrder(set("m2", "m4"));
        assertThat(names(mode, "not { $m tagged $t  $t.tname starts_with \"alp\" }")).containsExactlyInAnyOrder(set("m2", "m3", "m4"));
        // exact numeric comparison across widths and no truncation
        assertThat(names(mode, "$m.count = 2.0")).containsExactlyInAnyOrder(set("m2"));
        assertThat(names(mode, "$m.count < 2.5")).containsExactlyInAnyOrder(set("m1", "m2"));
        assertThat(names(mode, "$m.count > 2.5")).containsExactlyInAnyOrder(set("m3", "m4"));
        assertThat(names(mode, "$m.ratio = 0.1")).isEmpty(); // 0.1f widened is not the double 0.1
        assertThat(names(mode, "$m.label = \"alps\"")).containsExactlyInAnyOrder(set("m2"));
        assertThat(names(mode, "$m.label != \"alps\"")).containsExactlyInAnyOrder(set("m1", "m3"));
        assertThat(names(mode, "$m.label > \"alps\"")).containsExactlyInAnyOrder(set("m3"));
        assertThat(names(mode, "1 < $m.count")).containsExactlyInAnyOrder(set("m2", "m3", "m4"));
    }

    static List<String> metricsBinding(IndexMode mode, String props) {
        String q = "query q() { match { $m: Metric { " + props + " } } return { $m.name } }";
        return TestGraph.json(metrics.run(q, "q", null, ReadTarget.branch("main"), ExecOptions.defaults().withIndexMode(mode)))
                .stream().map(o -> o.get("m.name").asText()).toList();
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac14ListsAndDateTimeRoundTrip(IndexMode mode) {
        try (TestGraph g = TestGraph.create("""
                node Task { slug: String @key  title: String  due_at: DateTime  tags: [String]  scores: [I32]?  active_days: [Date]? }
                """)) {
            g.load("""
                    {"type":"Task","data":{"slug":"alpha","title":"A","due_at":"2026-04-01T08:30:00Z","tags":["launch","priority"],"scores":[1,2],"active_days":["2026-03-30","2026-03-31"]}}
                    {"type":"Task","data":{"slug":"beta","title":"B","due_at":"2026-05-01T12:00:00Z","tags":["backlog"],"scores":[5],"active_days":["2026-04-01"]}}
                    """, LoadMode.OVERWRITE);
            String q = """
                    query due($deadline: DateTime, $tag: String) {
                      match { $t: Task  $t.due_at <= $deadline  $t.tags contains $tag }
                      return { $t.slug, $t.due_at, $t.tags, $t.scores, $t.active_days }
                    }""";
            List<ObjectNode> rows = TestGraph.json(g.run(q, "due", "{\"deadline\":\"2026-04-02T00:00:00Z\",\"tag\":\"launch\"}",
                    ReadTarget.branch("main"), ExecOptions.defaults().withIndexMode(mode)));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).toString()).isEqualTo("{\"t.slug\":\"alpha\",\"t.due_at\":\"2026-04-01T08:30:00.000Z\","
                    + "\"t.tags\":[\"launch\",\"priority\"],\"t.scores\":[1,2],\"t.active_days\":[\"2026-03-30\",\"2026-03-31\"]}");
            String byScore = "query s($x: I32) { match { $t: Task { scores: $x } } return { $t.slug } }";
            assertThat(TestGraph.json(g.run(byScore, "s", "{\"x\":5}")).toString()).isEqualTo("[{\"t.slug\":\"beta\"}]");
            String byDay = "query d() { match { $t: Task  $t.active_days contains date(\"2026-03-31\") } return { $t.slug } }";
            assertThat(TestGraph.json(g.run(byDay, "d", null)).toString()).isEqualTo("[{\"t.slug\":\"alpha\"}]");
        }
    }

    @Test
    void nullParametersMatchNothingAndNowIsOneInstant() {
        String q = "query n($x: I32?) { match { $m: Metric  $m.count = $x } return { $m.name } }";
        assertThat(metrics.run(q, "n", "{}").rows()).isEmpty();
        assertThat(metrics.run(q, "n", "{\"x\":null}").rows()).isEmpty();
        assertThat(metrics.run(q, "n", "{\"x\":3}").rowCount()).isEqualTo(1);
        String now = "query t() { match { $m: Metric  $m.seen < now() } return { $m.name, now() as at } }";
        QueryRows rows = metrics.run(now, "t", null, ReadTarget.branch("main"), ExecOptions.defaults().withNow(1_900_000_000_000L));
        assertThat(rows.rowCount()).isEqualTo(4);
        assertThat(TestGraph.json(rows).get(0).get("at").asText()).isEqualTo("2030-03-17T17:46:40.000Z");
        assertThat(metrics.run(now, "t", null, ReadTarget.branch("main"), ExecOptions.defaults().withNow(0)).rows()).isEmpty();
        String consts = "query c($p: String) { match { $m: Metric { name: \"m1\" } } return { $p, 42 as answer, $m } }";
        assertThat(TestGraph.json(metrics.run(consts, "c", "{\"p\":\"x\"}")).toString())
                .isEqualTo("[{\"p\":\"x\",\"answer\":42,\"m\":\"m1\"}]");
    }

    @Test
    void searchFeaturesAnswerAndFailWithATypedErrorWithoutARanker() {
        try (TestGraph g = TestGraph.create("node Doc { slug: String @key  title: String @index  embedding: Vector(2) }")) {
            g.load("{\"type\":\"Doc\",\"data\":{\"slug\":\"a\",\"title\":\"hello world\",\"embedding\":[0.1,0.2]}}", LoadMode.OVERWRITE);
            for (String q : Arrays.asList(
                    "query s() { match { $d: Doc  search($d.title, \"hello\") } return { $d.slug } }",
                    "query s() { match { $d: Doc  not { match_text($d.title, \"x\") } } return { $d.slug } }",
                    "query s() { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, [0.1, 0.2]) } limit 1 }",
                    "query s() { match { $d: Doc } return { $d.slug } order { bm25($d.title, \"hello\") } }")) {
                // the default options carry the search ranker; an execution without one fails with a typed error
                assertThat(g.run(q, "s", null).rowCount()).as(q).isEqualTo(1);
                assertThatThrownBy(() -> g.run(q, "s", null, ReadTarget.branch("main"),
                        ExecOptions.defaults().withRanker(Ranker.unavailable()))).isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineErrorCode.SEARCH_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("is not available");
                });
            }
        }
    }

    @Test
    void runawayResultsHitTheRowLimit() {
        String q = "query x() { match { $a: Metric  $b: Metric  $c: Metric } return { $a.name } }";
        assertThat(metrics.run(q, "x", null).rowCount()).isEqualTo(64);
        assertThatThrownBy(() -> metrics.run(q, "x", null, ReadTarget.branch("main"), ExecOptions.defaults().withMaxRows(20)))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.RESOURCE_LIMIT));
    }
}
