package io.omnigraph.engine.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.query.testing.TestGraph;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import io.omnigraph.engine.error.EngineException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Acceptance cases AC1–AC9 of languages.md §5 and the queries of the {@code test.gq} fixture, over fixture F1
 * ({@code test.pg} + {@code test.jsonl}) in every index mode.
 */
class ReadAcceptanceTest {
    static TestGraph f1;

    @BeforeAll
    static void load() {
        f1 = TestGraph.create(Fixtures.text("engine/test.pg"));
        f1.load(Fixtures.text("engine/test.jsonl"), LoadMode.OVERWRITE);
    }

    @AfterAll
    static void close() {
        f1.close();
    }

    static List<String> run(TestGraph g, IndexMode mode, String gq, String params) {
        String name = gq.substring(gq.indexOf("query ") + 6, gq.indexOf('(')).trim();
        return TestGraph.json(g.run(gq, name, params, ReadTarget.branch("main"), ExecOptions.defaults().withIndexMode(mode)))
                .stream().map(ObjectNode::toString).toList();
    }

    static List<String> run(IndexMode mode, String gq, String params) {
        return run(f1, mode, gq, params);
    }

    static List<String> fixture(IndexMode mode, String name, String params) {
        return TestGraph.json(f1.run(Fixtures.text("engine/test.gq"), name, params, ReadTarget.branch("main"),
                ExecOptions.defaults().withIndexMode(mode))).stream().map(ObjectNode::toString).toList();
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac1BindingWithParameters(IndexMode mode) {
        assertThat(fixture(mode, "get_person", "{\"name\":\"Alice\"}")).containsExactly("{\"p.name\":\"Alice\",\"p.age\":30}");
        assertThat(fixture(mode, "get_person", "{\"name\":\"Nobody\"}")).isEmpty();
        QueryRows rows = f1.run(Fixtures.text("engine/test.gq"), "get_person", "{\"name\":\"Alice\"}");
        assertThat(rows.columnNames()).containsExactly("p.name", "p.age");
        assertThat(run(mode, "query ids() { match { $p: Person } return { $p } }", null))
                .containsExactlyInAnyOrder("{\"p\":\"Alice\"}", "{\"p\":\"Bob\"}", "{\"p\":\"Charlie\"}", "{\"p\":\"Diana\"}");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac2FilterOrderLimit(IndexMode mode) {
        assertThat(fixture(mode, "adults", null)).containsExactly("{\"p.name\":\"Charlie\",\"p.age\":35}");
        assertThat(fixture(mode, "top_by_age", null))
                .containsExactly("{\"p.name\":\"Charlie\",\"p.age\":35}", "{\"p.name\":\"Alice\",\"p.age\":30}");
        assertThat(run(mode, "query a() { match { $p: Person } return { $p.name } order { $p.age desc } }", null))
                .containsExactly("{\"p.name\":\"Charlie\"}", "{\"p.name\":\"Alice\"}", "{\"p.name\":\"Diana\"}", "{\"p.name\":\"Bob\"}");
        assertThat(run(mode, "query a() { match { $p: Person } return { $p.name } order { $p.age asc } }", null))
                .containsExactly("{\"p.name\":\"Bob\"}", "{\"p.name\":\"Diana\"}", "{\"p.name\":\"Alice\"}", "{\"p.name\":\"Charlie\"}");
        assertThat(run(mode, "query a() { match { $p: Person } return { $p.name } order { $p.age desc } limit 0 }", null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac3Traversals(IndexMode mode) {
        assertThat(fixture(mode, "friends_of", "{\"name\":\"Alice\"}"))
                .containsExactlyInAnyOrder("{\"f.name\":\"Bob\",\"f.age\":25}", "{\"f.name\":\"Charlie\",\"f.age\":35}");
        assertThat(fixture(mode, "employees_of", "{\"company\":\"Acme\"}")).containsExactly("{\"p.name\":\"Alice\"}");
        assertThat(fixture(mode, "friends_of_friends", "{\"name\":\"Alice\"}")).containsExactly("{\"fof.name\":\"Diana\"}");
        assertThat(run(mode, """
                query fof($name: String) { match { $p: Person { name: $name }  $p knows $mid  $mid knows $fof }
                  return { $p.name, $mid.name, $fof.name } }""", "{\"name\":\"Alice\"}"))
                .containsExactly("{\"p.name\":\"Alice\",\"mid.name\":\"Bob\",\"fof.name\":\"Diana\"}");
        assertThat(run(mode, "query w() { match { $p worksAt $c } return { $p.name, $c.name } }", null))
                .containsExactlyInAnyOrder("{\"p.name\":\"Alice\",\"c.name\":\"Acme\"}", "{\"p.name\":\"Bob\",\"c.name\":\"Globex\"}");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac4Negation(IndexMode mode) {
        assertThat(fixture(mode, "unemployed", null)).containsExactlyInAnyOrder("{\"p.name\":\"Charlie\"}", "{\"p.name\":\"Diana\"}");
        assertThat(run(mode, "query n() { match { $p: Person  not { $p worksAt $c  $c.name = \"Acme\" } } return { $p.name } }", null))
                .containsExactlyInAnyOrder("{\"p.name\":\"Bob\"}", "{\"p.name\":\"Charlie\"}", "{\"p.name\":\"Diana\"}");
        assertThat(run(mode, "query n() { match { $p: Person  not { $p worksAt $c  not { $c.name = \"Acme\" } } } return { $p.name } }", null))
                .containsExactlyInAnyOrder("{\"p.name\":\"Alice\"}", "{\"p.name\":\"Charlie\"}", "{\"p.name\":\"Diana\"}");
        assertThat(run(mode, "query n() { match { $p: Person  not { $p knows $x } } return { $p.name } }", null))
                .containsExactlyInAnyOrder("{\"p.name\":\"Charlie\"}", "{\"p.name\":\"Diana\"}");
        assertThat(run(mode, "query n() { match { $p: Person  not { $p <knows> $x } } return { $p.name } }", null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac5Aggregates(IndexMode mode) {
        assertThat(fixture(mode, "friend_counts", null))
                .containsExactly("{\"p.name\":\"Alice\",\"friends\":2}", "{\"p.name\":\"Bob\",\"friends\":1}");
        assertThat(fixture(mode, "total_people", null)).containsExactly("{\"total\":4}");
        assertThat(fixture(mode, "age_stats", null)).containsExactlyInAnyOrder(
                "{\"c.name\":\"Acme\",\"total_age\":30.0,\"avg_age\":30.0,\"youngest\":30,\"oldest\":30,\"headcount\":1}",
                "{\"c.name\":\"Globex\",\"total_age\":25.0,\"avg_age\":25.0,\"youngest\":25,\"oldest\":25,\"headcount\":1}");
        assertThat(fixture(mode, "top_connected", null)).containsExactly("{\"p.name\":\"Alice\",\"friends\":2}");
        assertThat(run(mode, "query m() { match { $p: Person } return { min($p.name) as first_name, max($p.name) as last_name } }", null))
                .containsExactly("{\"first_name\":\"Alice\",\"last_name\":\"Diana\"}");
        assertThat(run(mode, "query m() { match { $p: Person  $p.age > 100 } return { count($p) as n } }", null))
                .containsExactly("{\"n\":0}");
        assertThat(run(mode, "query m() { match { $p: Person  $p.age > 100 } return { count($p) as n, sum($p.age) as s, min($p.age) as m } }", null))
                .containsExactly("{\"n\":0,\"s\":null,\"m\":null}");
        assertThat(run(mode, "query m() { match { $p: Person  $p.age > 100 } return { $p.name, count($p) } }", null)).isEmpty();
        assertThat(run(mode, "query m() { match { $p: Person  $p knows $f } return { count($f) } }", null)).containsExactly("{\"f\":3}");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac6UndirectedDedup(IndexMode mode) {
        String q = "query u($n: String) { match { $p: Person { name: $n }  $p <knows> $f } return { $f.name } }";
        assertThat(run(mode, q, "{\"n\":\"Bob\"}")).containsExactlyInAnyOrder("{\"f.name\":\"Alice\"}", "{\"f.name\":\"Diana\"}");
        String q2 = "query u($n: String) { match { $p: Person { name: $n }  $p <knows>{1,2} $f } return { $f.name } }";
        assertThat(run(mode, q2, "{\"n\":\"Charlie\"}")).containsExactlyInAnyOrder("{\"f.name\":\"Alice\"}", "{\"f.name\":\"Bob\"}");
        try (TestGraph g = TestGraph.create(Fixtures.text("engine/test.pg"))) {
            g.load(Fixtures.text("engine/test.jsonl"), LoadMode.OVERWRITE);
            g.load("{\"edge\":\"Knows\",\"from\":\"Diana\",\"to\":\"Bob\"}", LoadMode.MERGE);
            assertThat(run(g, mode, q, "{\"n\":\"Bob\"}")).containsExactlyInAnyOrder("{\"f.name\":\"Alice\"}", "{\"f.name\":\"Diana\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac7VariableHops(IndexMode mode) {
        String pg = "node Person { name: String @key }\nedge Knows: Person -> Person\n";
        try (TestGraph g = TestGraph.create(pg)) {
            g.load(people("A", "B", "C", "D") + knows("A", "B") + knows("B", "C") + knows("C", "D"), LoadMode.OVERWRITE);
            String q = "query h() { match { $p: Person { name: \"A\" }  $p knows{%s} $f } return { $f.name } }";
            assertThat(run(g, mode, q.formatted("1,3"), null)).containsExactlyInAnyOrder(names("f.name", "B", "C", "D"));
            assertThat(run(g, mode, q.formatted("2,3"), null)).containsExactlyInAnyOrder(names("f.name", "C", "D"));
            assertThat(run(g, mode, q.formatted("2,2"), null)).containsExactlyInAnyOrder(names("f.name", "C"));
        }
        try (TestGraph g = TestGraph.create(pg)) {
            g.load(people("a", "b", "c", "d", "e") + knows("a", "b") + knows("c", "d") + knows("d", "e"), LoadMode.OVERWRITE);
            assertThat(run(g, mode, "query n() { match { $p: Person  not { $p knows{2,2} $x } } return { $p.name } }", null))
                    .containsExactlyInAnyOrder(names("p.name", "a", "b", "d", "e"));
        }
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac8OrderingContract(IndexMode mode) {
        String pg = "node Person { name: String @key  age: I32? }\n";
        try (TestGraph g = TestGraph.create(pg)) {
            g.load("""
                    {"type":"Person","data":{"name":"Bob","age":30}}
                    {"type":"Person","data":{"name":"Alice","age":30}}
                    {"type":"Person","data":{"name":"Charlie","age":25}}
                    """, LoadMode.OVERWRITE);
            assertThat(run(g, mode, "query o() { match { $p: Person } return { $p.name } order { $p.age desc, $p.name asc } }", null))
                    .containsExactly(names("p.name", "Alice", "Bob", "Charlie"));
            assertThat(run(g, mode, "query o() { match { $p: Person } return { $p.name } order { $p.age asc } }", null))
                    .containsExactly(names("p.name", "Charlie", "Alice", "Bob"));
        }
        try (TestGraph g = TestGraph.create(pg)) {
            g.load("""
                    {"type":"Person","data":{"name":"Alice","age":30}}
                    {"type":"Person","data":{"name":"Bob"}}
                    {"type":"Person","data":{"name":"Charlie","age":25}}
                    """, LoadMode.OVERWRITE);
            assertThat(run(g, mode, "query o() { match { $p: Person } return { $p.name } order { $p.age asc } }", null))
                    .containsExactly(names("p.name", "Bob", "Charlie", "Alice"));
            assertThat(run(g, mode, "query o() { match { $p: Person } return { $p.name } order { $p.age desc } }", null))
                    .containsExactly(names("p.name", "Alice", "Charlie", "Bob"));
        }
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac9EdgeBindings(IndexMode mode) {
        try (TestGraph g = TestGraph.create(Fixtures.text("engine/test.pg"))) {
            g.load(Fixtures.text("engine/test.jsonl"), LoadMode.OVERWRITE);
            g.load("""
                    {"edge":"Knows","from":"Alice","to":"Bob","data":{"since":"2020-05-01"}}
                    {"edge":"Knows","from":"Alice","to":"Diana","data":{"since":"2024-11-30"}}
                    """, LoadMode.MERGE);
            String from = "query e($n: String) { match { $p: Person { name: $n }  $p $w:knows $f %s } return { %s } }";
            assertThat(run(g, mode, from.formatted("$w.since >= date(\"2023-01-01\")", "$f.name, $w.since"), "{\"n\":\"Alice\"}"))
                    .containsExactly("{\"f.name\":\"Diana\",\"w.since\":\"2024-11-30\"}");
            List<String> all = run(g, mode, from.formatted("", "$f.name, $w.since"), "{\"n\":\"Alice\"}");
            assertThat(all).hasSize(4);
            assertThat(all.stream().filter(s -> s.contains("\"w.since\":null")).count()).isEqualTo(2);
            assertThat(all.stream().map(s -> s.substring(0, s.indexOf(','))).toList()).containsExactlyInAnyOrder(
                    "{\"f.name\":\"Bob\"", "{\"f.name\":\"Bob\"", "{\"f.name\":\"Charlie\"", "{\"f.name\":\"Diana\"");
            assertThat(run(g, mode, from.formatted("", "$f.name, count($w.since)"), "{\"n\":\"Alice\"}")).containsExactlyInAnyOrder(
                    "{\"f.name\":\"Bob\",\"w.since\":1}", "{\"f.name\":\"Charlie\",\"w.since\":0}", "{\"f.name\":\"Diana\",\"w.since\":1}");
            QueryRows none = g.run(from.formatted("", "$f.name, $w.since"), "e", "{\"n\":\"Nobody\"}");
            assertThat(none.rows()).isEmpty();
            assertThat(none.columns().get(1).type().scalar()).isEqualTo(io.omnigraph.compiler.types.ScalarKind.DATE);
        }
        String pg = Fixtures.text("engine/test.pg").replace("since: Date?", "since: Date?\n    label: String?");
        try (TestGraph g = TestGraph.create(pg)) {
            g.load("""
                    {"type":"Person","data":{"name":"Alice"}}
                    {"type":"Person","data":{"name":"Bob"}}
                    {"edge":"Knows","from":"Alice","to":"Bob","data":{"id":"edge-b","label":"loaded-first"}}
                    """, LoadMode.OVERWRITE);
            g.load("{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Bob\",\"data\":{\"id\":\"edge-a\",\"label\":\"id-first\"}}", LoadMode.MERGE);
            assertThat(run(g, mode, "query e() { match { $p: Person { name: \"Alice\" }  $p $w:knows $f } return { $w.label } order { $p.age asc } }", null))
                    .containsExactly("{\"w.label\":\"id-first\"}", "{\"w.label\":\"loaded-first\"}");
        }
    }

    @Test
    void timeTravelReadsSeeTheCommitTheyName() {
        // engine.md §9 scenario 17 on the real engine: baseline, insert Eve 22, update Eve 50, delete Eve
        try (TestGraph g = TestGraph.create(Fixtures.text("engine/test.pg"))) {
            String c1 = g.load(Fixtures.text("engine/test.jsonl"), LoadMode.OVERWRITE).commit().graphCommitId();
            String c2 = g.mutate("query i() { insert Person { name: \"Eve\", age: 22 } }", null).commit().orElseThrow().graphCommitId();
            String c3 = g.mutate("query u() { update Person set { age: 50 } where name = \"Eve\" }", null).commit().orElseThrow().graphCommitId();
            String c4 = g.mutate("query d() { delete Person where name = \"Eve\" }", null).commit().orElseThrow().graphCommitId();
            String q = "query all() { match { $p: Person } return { $p.name, $p.age } order { $p.name } }";
            assertThat(at(g, q, c1)).hasSize(4).noneMatch(s -> s.contains("Eve"));
            assertThat(at(g, q, c2)).contains("{\"p.name\":\"Eve\",\"p.age\":22}");
            assertThat(at(g, q, c3)).contains("{\"p.name\":\"Eve\",\"p.age\":50}");
            assertThat(at(g, q, c4)).hasSize(4).noneMatch(s -> s.contains("Eve"));
            g.mutate("query z() { insert Person { name: \"Zed\", age: 1 } }", null);
            assertThat(at(g, q, c2)).hasSize(5).contains("{\"p.name\":\"Eve\",\"p.age\":22}").noneMatch(s -> s.contains("Zed"));
            assertThat(TestGraph.json(g.run(q, "all", null)).toString()).contains("Zed");
            QueryResult r = g.query(q, "all", null, ReadTarget.commit(c2), ExecOptions.defaults());
            assertThat(r.target()).isEqualTo(QueryTarget.snapshot(c2));
            assertThat(r.graphCommitId()).contains(c2);
            assertThatThrownBy(() -> g.query(q, "all", null, ReadTarget.commit("01ARZ3NDEKTSV4RRFFQ69G5FAV"), ExecOptions.defaults()))
                    .isInstanceOfSatisfying(EngineException.NotFound.class, e -> assertThat(e.kind()).isEqualTo("commit"));
        }
    }

    static List<String> at(TestGraph g, String q, String commit) {
        return TestGraph.json(g.run(q, "all", null, ReadTarget.commit(commit), ExecOptions.defaults()))
                .stream().map(ObjectNode::toString).toList();
    }

    static String people(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append("{\"type\":\"Person\",\"data\":{\"name\":\"").append(n).append("\"}}\n");
        }
        return sb.toString();
    }

    static String knows(String a, String b) {
        return "{\"edge\":\"Knows\",\"from\":\"" + a + "\",\"to\":\"" + b + "\"}\n";
    }

    static String[] names(String column, String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = "{\"" + column + "\":\"" + names[i] + "\"}";
        }
        return out;
    }
}
