package io.omnigraph.engine.api;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadLimits;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.omnigraph.engine.api.TestGraph.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict NDJSON parser's negative corpus, modes, limits and the integrity messages (AC10–AC12, AC14, AC15, AC21). */
class LoadAndValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [1]                                                                    | line 1: graph batch record must be one JSON object
            {"type":"Person","edge":"Knows"}                                       | line 1: graph batch record must contain exactly one of 'type' or 'edge'
            {"data":{}}                                                            | line 1: graph batch record must contain exactly one of 'type' or 'edge'
            {"type":"Person","data":{"name":"A"},"extra":1}                        | line 1: unknown top-level graph batch field 'extra'
            {"type":"Person","data":{"name":"A"},"_rowid":1}                       | line 1: top-level field '_rowid' is reserved physical state
            {"type":"Person","data":{"name":"A","_tombstone":true}}                | line 1: field '_tombstone' of 'node:Person' is reserved physical state
            {"type":"Person","data":{"name":"A","name":"B"}}                       | line 1: duplicate key 'name'
            {"type":"Person","data":{"name":"A","nick":"x"}}                       | line 1: unknown input field 'nick' for 'node:Person'
            {"edge":"Knows","from":"A","to":"B","data":{"src":"A"}}                | line 1: field 'src' of 'edge:Knows' is reserved structural state
            {"type":"Person","data":{"name":"A","age":"30"}}                       | line 1: strict property 'age' expects Int32, got "30"
            {"type":"Person","data":{"name":"A","age":3000000000}}                 | line 1: property 'age' value 3000000000 exceeds Int32 range
            {"type":"Person","data":{"id":"x","name":"A"}}                         | line 1: node Person explicit id 'x' does not match its canonical @key id 'A'
            {"type":"Person","data":{"age":3}}                                     | line 1: non-nullable property 'name' has null or invalid values
            {"type":"Nope","data":{}}                                              | line 1: unknown node type 'Nope'
            {"edge":"Likes","from":"A","to":"B"}                                   | line 1: unknown edge type 'Likes'
            {"type":7}                                                             | line 1: 'type' must be a string
            {"type":"Person","data":[1]}                                           | line 1: 'data' must be a JSON object
            {"edge":"Knows","from":"A"}                                            | line 1: edge record needs 'from' and 'to'
            {"type":"Person","data":{"name":"A","id":5}}                           | line 1: 'id' must be a string
            {"type":"Person","data":{"name":"A"}                                   | line 1: invalid JSON
            """)
    void strictParserRejectsWithTheLineAndNothingIsWritten(String line, String message) {
        try (TestGraph g = TestGraph.f1()) {
            assertThatThrownBy(() -> g.load(line, LoadMode.MERGE)).isInstanceOfSatisfying(EngineException.Invalid.class, e -> {
                assertThat(e.code()).isEqualTo(EngineErrorCode.INVALID_INPUT);
                assertThat(e.getMessage()).startsWith(message);
            });
            assertThat(g.commits()).hasSize(1);
        }
    }

    @Test
    void errorsNameTheRightLineAcrossBlankLinesAndCrlf() {
        try (TestGraph g = TestGraph.f1()) {
            String file = "{\"type\":\"Person\",\"data\":{\"name\":\"A\"}}\r\n\r\n   \n{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"age\":1.5}}\r\n";
            assertThatThrownBy(() -> g.load(file, LoadMode.MERGE)).hasMessageStartingWith("line 4: strict property 'age'");
        }
    }

    @Test
    void caseInsensitiveEdgeNamesAreCanonicalisedAndEmptyFilesStillCommit() {
        try (TestGraph g = TestGraph.seeded()) {
            LoadResult r = g.load("{\"edge\":\"knows\",\"from\":\"Diana\",\"to\":\"Alice\"}", LoadMode.APPEND);
            assertThat(r.edges()).containsExactly(new TypeCount("Knows", 1));
            assertThat(g.edges("Knows")).contains("Diana->Alice");
            LoadResult empty = g.load("\n\n", LoadMode.MERGE);
            assertThat(empty.totalEntities()).isZero();
            assertThat(g.commits()).hasSize(4);
        }
    }

    @Test
    void ac12OverwriteReplacesOnlyTheTypesInTheFileAndRejectsOrphans() {
        try (TestGraph g = TestGraph.create("node Person { name: String @key }\nedge Knows: Person -> Person")) {
            g.load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}\n{\"type\":\"Person\",\"data\":{\"name\":\"Bob\"}}\n"
                    + "{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Bob\"}", LoadMode.OVERWRITE);
            int commits = g.commits().size();
            assertThatThrownBy(() -> g.load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}", LoadMode.OVERWRITE))
                    .isInstanceOf(EngineException.ConstraintViolation.class).hasMessage("dst 'Bob' not found in Person");
            assertThat(g.commits()).hasSize(commits);
            assertThat(g.rows("Person")).containsOnlyKeys("Alice", "Bob");
        }
        try (TestGraph g = TestGraph.create("node Person { name: String @key }\nedge Knows: Person -> Person")) {
            g.load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}", LoadMode.APPEND);
            g.load("{\"type\":\"Person\",\"data\":{\"name\":\"Carol\"}}\n{\"edge\":\"Knows\",\"from\":\"Carol\",\"to\":\"Carol\"}",
                    LoadMode.OVERWRITE);
            assertThat(g.rows("Person")).containsOnlyKeys("Carol");
            assertThat(g.edges("Knows")).containsExactly("Carol->Carol");
        }
    }

    @Test
    void mergeLastWinsForExplicitIdsAndEdgesWithoutIdsAreAlwaysNew() {
        try (TestGraph g = TestGraph.seeded()) {
            g.load("{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Bob\",\"data\":{\"id\":\"k1\",\"since\":\"2020-01-01\"}}\n"
                    + "{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Diana\",\"data\":{\"id\":\"k1\",\"since\":\"2021-01-01\"}}\n"
                    + "{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Bob\"}", LoadMode.MERGE);
            Map<String, Map<String, Object>> knows = g.rows("Knows");
            assertThat(knows.get("k1")).containsEntry("dst", "Diana").containsEntry("since", "2021-01-01");
            assertThat(knows).hasSize(5);
            assertThatThrownBy(() -> g.load("{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Bob\",\"data\":{\"id\":\"k2\"}}\n"
                    + "{\"edge\":\"Knows\",\"from\":\"Alice\",\"to\":\"Bob\",\"data\":{\"id\":\"k2\"}}", LoadMode.APPEND))
                    .hasMessageContaining("line 2: duplicate edge Knows id 'k2'");
        }
    }

    @Test
    void serverLimitsRefuseLargeAppendAndMergeLoadsButNotTheDirectPath() {
        try (TestGraph g = TestGraph.f1()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8193; i++) {
                sb.append("{\"type\":\"Company\",\"data\":{\"name\":\"c").append(i).append("\"}}\n");
            }
            assertThatThrownBy(() -> g.graph.load(NOBODY, LoadRequest.of(TestGraph.in(sb.toString()), "main", LoadMode.MERGE)
                    .withLimits(LoadLimits.SERVER))).isInstanceOfSatisfying(EngineException.ResourceLimit.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.RESOURCE_LIMIT);
                        assertThat(e.limit()).isEqualTo(8192);
                        assertThat(e.getMessage()).contains("line 8193").contains("Company");
                    });
            assertThat(g.commits()).hasSize(1);
            assertThat(g.load(sb.toString(), LoadMode.MERGE).totalEntities()).isEqualTo(8193);
            assertThat(g.graph.load(NOBODY, LoadRequest.of(TestGraph.in(sb.toString()), "main", LoadMode.OVERWRITE)
                    .withLimits(LoadLimits.SERVER)).totalEntities()).isEqualTo(8193);
        }
    }

    @Test
    void loadWithFromCreatesTheBranchAndRemovesItAgainOnFailure() {
        try (TestGraph g = TestGraph.seeded()) {
            LoadResult r = g.graph.load(NOBODY, LoadRequest.of(TestGraph.in("{\"type\":\"Person\",\"data\":{\"name\":\"Eve\"}}"),
                    "feature", LoadMode.APPEND).from("main"));
            assertThat(r.branchCreated()).isTrue();
            assertThat(r.baseBranch()).contains("main");
            assertThat(g.rows("Person", ReadTarget.branch("feature"))).containsKey("Eve");
            assertThat(g.rows("Person")).doesNotContainKey("Eve");
            assertThatThrownBy(() -> g.graph.load(NOBODY, LoadRequest.of(TestGraph.in("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}"),
                    "other", LoadMode.APPEND).from("main"))).isInstanceOf(EngineException.KeyConflict.class);
            assertThat(g.graph.branches(NOBODY)).containsExactly("feature", "main");
            assertThatThrownBy(() -> g.load("{}", LoadMode.APPEND, "missing")).isInstanceOf(EngineException.NotFound.class)
                    .hasMessage("branch 'missing' not found");
        }
    }

    @Test
    void ac10Mutations() {
        try (TestGraph g = TestGraph.seeded()) {
            String file = "query insert_person($name: String, $age: I32) { insert Person { name: $name, age: $age } }\n"
                    + "query add_friend($from: String, $to: String) { insert Knows { from: $from, to: $to } }";
            MutationResult ins = g.graph.mutate(NOBODY, MutationRequest.of(file, "main").named("insert_person")
                    .withParams(json("{\"name\":\"Eve\",\"age\":22}")));
            assertThat(ins.affectedNodes()).isEqualTo(1);
            assertThat(ins.affectedEdges()).isZero();
            MutationResult both = g.graph.mutate(NOBODY, MutationRequest.of(
                    "query both($name: String, $age: I32, $friend: String) { insert Person { name: $name, age: $age } "
                            + "insert Knows { from: $name, to: $friend } }", "main")
                    .withParams(json("{\"name\":\"Eve\",\"age\":22,\"friend\":\"Alice\"}")));
            assertThat(both.affectedNodes()).isEqualTo(1);
            assertThat(both.affectedEdges()).isEqualTo(1);
            assertThat(g.edges("Knows")).contains("Eve->Alice");
            MutationResult set = g.mutate("query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }",
                    "{\"name\":\"Alice\",\"age\":31}");
            assertThat(set.affectedNodes()).isEqualTo(1);
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(31);
            MutationResult del = g.mutate("query remove_person($name: String) { delete Person where name = $name }",
                    "{\"name\":\"Alice\"}");
            assertThat(del.affectedNodes()).isEqualTo(1);
            assertThat(del.affectedEdges()).isEqualTo(4);
            assertThat(g.edges("Knows")).noneMatch(e -> e.contains("Alice"));
            assertThat(g.edges("WorksAt")).noneMatch(e -> e.contains("Alice"));
        }
    }

    @Test
    void ac11Validation() {
        try (TestGraph g = TestGraph.create("node Person { name: String @key  role: enum(admin, guest, member)?  age: I32?  @range(age, 0..120)  @check(name, \"^[A-Z]\") }")) {
            assertThatThrownBy(() -> g.load("{\"type\":\"Person\",\"data\":{\"name\":\"A\",\"role\":\"superadmin\"}}", LoadMode.MERGE))
                    .hasMessageContaining("invalid enum value 'superadmin' for Person.role (expected: admin, guest, member)");
            g.load("{\"type\":\"Person\",\"data\":{\"name\":\"A\",\"role\":\"admin\"}}", LoadMode.MERGE);
            assertThatThrownBy(() -> g.mutate("query q($r: String) { update Person set { role: $r } where name = \"A\" }",
                    "{\"r\":\"superadmin\"}")).hasMessageContaining("invalid enum value 'superadmin'");
            assertThatThrownBy(() -> g.load("{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"age\":250}}", LoadMode.MERGE))
                    .isInstanceOf(EngineException.ConstraintViolation.class).hasMessage("@range violation on Person.age: value 250 > max 120");
            assertThatThrownBy(() -> g.load("{\"type\":\"Person\",\"data\":{\"name\":\"bob\"}}", LoadMode.MERGE))
                    .hasMessage("@check violation on Person.name: value 'bob' does not match pattern '^[A-Z]'");
        }
        try (TestGraph g = TestGraph.create("node User { name: String @key  email: String?  @unique(email) }")) {
            assertThatThrownBy(() -> g.load("{\"type\":\"User\",\"data\":{\"name\":\"a\",\"email\":\"x@y\"}}\n"
                    + "{\"type\":\"User\",\"data\":{\"name\":\"b\",\"email\":\"x@y\"}}", LoadMode.MERGE))
                    .hasMessage("@unique violation on User.email: value 'x@y' held by 'a' and 'b'");
            g.load("{\"type\":\"User\",\"data\":{\"name\":\"a\",\"email\":\"x@y\"}}", LoadMode.APPEND);
            assertThatThrownBy(() -> g.load("{\"type\":\"User\",\"data\":{\"name\":\"b\",\"email\":\"x@y\"}}", LoadMode.APPEND))
                    .hasMessage("@unique violation on User.email: value 'x@y' held by 'a' and 'b'");
            assertThatThrownBy(() -> g.mutate("query q() { insert User { name: \"c\", email: \"x@y\" } }"))
                    .hasMessageContaining("@unique violation on User.email");
            assertThat(g.mutate("query q() { insert User { name: \"a\", email: \"x@y\" } }").affectedNodes()).isEqualTo(1);
            g.load("{\"type\":\"User\",\"data\":{\"name\":\"n1\"}}\n{\"type\":\"User\",\"data\":{\"name\":\"n2\"}}", LoadMode.APPEND);
        }
        try (TestGraph g = TestGraph.create("node Person { name: String @key }\nnode Company { name: String @key }\n"
                + "edge WorksAt: Person -> Company @card(0..1)")) {
            g.load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}\n{\"type\":\"Company\",\"data\":{\"name\":\"Acme\"}}\n"
                    + "{\"type\":\"Company\",\"data\":{\"name\":\"Globex\"}}\n{\"edge\":\"WorksAt\",\"from\":\"Alice\",\"to\":\"Acme\"}", LoadMode.APPEND);
            assertThatThrownBy(() -> g.mutate("query q() { insert WorksAt { from: \"Alice\", to: \"Globex\" } }"))
                    .hasMessage("@card violation on edge WorksAt: source 'Alice' has 2 edges (max 1)");
            assertThatThrownBy(() -> g.load("{\"edge\":\"WorksAt\",\"from\":\"Ghost\",\"to\":\"Acme\"}", LoadMode.APPEND))
                    .hasMessageContaining("not found");
        }
        try (TestGraph g = TestGraph.create("node Person { name: String @key }\nnode Company { name: String @key }\n"
                + "edge WorksAt: Person -> Company @card(1..)")) {
            g.load("{\"type\":\"Person\",\"data\":{\"name\":\"Alice\"}}\n{\"type\":\"Company\",\"data\":{\"name\":\"Acme\"}}\n"
                    + "{\"edge\":\"WorksAt\",\"from\":\"Alice\",\"to\":\"Acme\"}", LoadMode.APPEND);
            assertThatThrownBy(() -> g.mutate("query q($person: String) { delete WorksAt where from = $person }", "{\"person\":\"Alice\"}"))
                    .hasMessage("@card violation on edge WorksAt: source 'Alice' has 0 edges (min 1)");
            assertThat(g.edges("WorksAt")).containsExactly("Alice->Acme");
        }
        try (TestGraph g = TestGraph.create("node Doc { slug: String @key  e: Vector(3)? }")) {
            assertThatThrownBy(() -> g.load("{\"type\":\"Doc\",\"data\":{\"slug\":\"a\",\"e\":[0.1,null,0.3]}}", LoadMode.MERGE))
                    .hasMessageContaining("elements must be numeric");
            assertThatThrownBy(() -> g.load("{\"type\":\"Doc\",\"data\":{\"slug\":\"a\",\"e\":[0.1,0.2]}}", LoadMode.MERGE))
                    .hasMessageContaining("expects 3 dimensions, got 2");
        }
    }

    @Test
    void ac14ListsAndDateTimesRoundTrip() {
        try (TestGraph g = TestGraph.create("node Task { slug: String @key  title: String  due_at: DateTime  tags: [String]  scores: [I32]?  active_days: [Date]? }")) {
            g.load("{\"type\":\"Task\",\"data\":{\"slug\":\"alpha\",\"title\":\"A\",\"due_at\":\"2026-04-01T08:30:00Z\",\"tags\":[\"launch\",\"priority\"],\"scores\":[1,2],\"active_days\":[\"2026-03-30\",\"2026-03-31\"]}}",
                    LoadMode.MERGE);
            Map<String, Object> alpha = g.rows("Task").get("alpha");
            assertThat(alpha).containsEntry("due_at", "2026-04-01T08:30:00.000Z").containsEntry("tags", "[\"launch\",\"priority\"]")
                    .containsEntry("active_days", "[\"2026-03-30\",\"2026-03-31\"]");
            MutationResult r = g.mutate("query q($tags: [String]) { update Task set { tags: $tags } where slug = \"alpha\" }",
                    "{\"tags\":[\"x\",\"y\",\"z\"]}");
            assertThat(r.affectedNodes()).isEqualTo(1);
            assertThat(g.rows("Task").get("alpha")).containsEntry("tags", "[\"x\",\"y\",\"z\"]");
        }
    }

    @Test
    void ac15CompositeKeys() {
        try (TestGraph g = TestGraph.create("node Membership { tenant: String  slot: U32  label: String  @key(tenant, slot) }")) {
            g.load("{\"type\":\"Membership\",\"data\":{\"tenant\":\"acme\",\"slot\":7,\"label\":\"a\"}}", LoadMode.APPEND);
            assertThat(g.rows("Membership")).containsOnlyKeys("[\"7\",\"acme\"]");
            assertThatThrownBy(() -> g.load("{\"type\":\"Membership\",\"data\":{\"tenant\":\"acme\",\"slot\":7,\"label\":\"b\"}}", LoadMode.APPEND))
                    .isInstanceOf(EngineException.KeyConflict.class);
            MutationResult up = g.mutate("query q() { insert Membership { tenant: \"acme\", slot: 7, label: \"c\" } }");
            assertThat(up.affectedNodes()).isEqualTo(1);
            assertThat(g.rows("Membership")).hasSize(1);
            assertThat(g.rows("Membership").get("[\"7\",\"acme\"]")).containsEntry("label", "c");
            assertThatThrownBy(() -> g.mutate("query q() { update Membership set { slot: 8 } where tenant = \"acme\" }"))
                    .hasMessageContaining("cannot update @key property 'slot'");
        }
    }

    @Test
    void ac18SchemaPlans() {
        try (TestGraph g = TestGraph.seeded()) {
            String base = Fixtures.text("engine/test.pg");
            SchemaPlanResult a = g.graph.planSchema(NOBODY, base.replace("age: I32?", "age: I32?\n    nickname: String?"), false);
            assertThat(a.plan().supported()).isTrue();
            assertThat(a.plan().steps()).hasSize(1);
            assertThat(a.plan().steps().get(0).kind()).isEqualTo("add_property");
            String bad = base.replace("age: I32?", "age: I32?\n    email: String");
            SchemaPlanResult b = g.graph.planSchema(NOBODY, bad, false);
            assertThat(b.refusal().orElseThrow()).startsWith("[OG-MF-103]");
            assertThatThrownBy(() -> g.graph.applySchema(NOBODY, bad, false))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.SCHEMA_UNSUPPORTED));
            String dropped = "node Person {\n    name: String @key\n    age: I32?\n}\nedge Knows: Person -> Person {\n    since: Date?\n}\n";
            SchemaPlanResult e = g.graph.planSchema(NOBODY, dropped, false);
            assertThat(e.plan().steps()).extracting(s -> s.kind()).containsExactly("drop_type", "drop_type");
            String beforeDrop = g.head();
            g.graph.applySchema(NOBODY, dropped, false);
            assertThat(g.graph.snapshot(NOBODY, "main").datasets()).extracting(DatasetInfo::typeName).containsExactly("Person", "Knows");
            assertThat(g.edges("WorksAt", ReadTarget.commit(beforeDrop))).containsExactly("Alice->Acme", "Bob->Globex");
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(30);
        }
    }

    @Test
    void renamesKeepDataAndHardDropsReclaim() {
        try (TestGraph g = TestGraph.seeded()) {
            String renamed = Fixtures.text("engine/test.pg").replace("node Person {", "node Human @rename_from(\"Person\") {")
                    .replace("Person -> Person", "Human -> Human").replace("Person -> Company", "Human -> Company");
            SchemaApplyResult r = g.graph.applySchema(NOBODY, renamed, false);
            assertThat(r.plan().steps()).extracting(s -> s.kind()).contains("rename_type");
            assertThat(g.rows("Human")).containsKeys("Alice", "Bob");
            String before = g.head();
            String noAge = renamed.replace("    age: I32?\n", "");
            g.graph.applySchema(NOBODY, noAge, true);
            assertThat(g.rows("Human").get("Alice")).doesNotContainKey("age");
            try (Graph fresh = OmniGraph.open(g.store, OpenOptions.defaults())) {
                assertThatThrownBy(() -> {
                    ReadView v = fresh.read(NOBODY, ReadTarget.commit(before));
                    v.table(v.schema().nodeType("Human").orElseThrow());
                }).isInstanceOf(EngineException.Reclaimed.class);
            }
        }
    }

    static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return TestGraph.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void exportRoundTrips() throws Exception {
        try (TestGraph g = TestGraph.seeded(); TestGraph copy = TestGraph.f1()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long n = g.graph.export(NOBODY, ReadTarget.branch("main"), List.of(), out);
            assertThat(n).isEqualTo(11);
            copy.load(out.toString(java.nio.charset.StandardCharsets.UTF_8), LoadMode.OVERWRITE);
            java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
            copy.graph.export(NOBODY, ReadTarget.branch("main"), List.of(), again);
            assertThat(again.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> g.graph.export(NOBODY, ReadTarget.branch("main"), List.of("Nope"), out))
                    .isInstanceOf(EngineException.NotFound.class);
        }
    }
}
