package io.omnigraph.engine.api;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.FormatVersion;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static io.omnigraph.engine.api.TestGraph.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** engine.md §9 acceptance scenarios 1–9, 17, 21, 25 through the embedded facade. */
class ScenarioTest {

    @Test
    void s1InitCreatesOneParentlessActorlessCommitAndEmptyTypes() {
        try (TestGraph g = TestGraph.f1()) {
            List<CommitInfo> commits = g.commits();
            assertThat(commits).hasSize(1);
            assertThat(commits.get(0).parentCommitId()).isEmpty();
            assertThat(commits.get(0).actorId()).isEmpty();
            assertThat(commits.get(0).graphManifestVersion()).isEqualTo(1);
            SnapshotInfo s = g.graph.snapshot(NOBODY, "main");
            assertThat(s.internalSchemaVersion()).isEqualTo(FormatVersion.CURRENT);
            assertThat(s.datasets()).extracting(DatasetInfo::typeName).containsExactly("Company", "Person", "Knows", "WorksAt");
            assertThat(s.datasets()).allSatisfy(d -> assertThat(d.entityCount()).isZero());
            assertThatThrownBy(() -> OmniGraph.init(g.store, Fixtures.text("engine/test.pg"), InitOptions.defaults()))
                    .isInstanceOf(EngineException.Exists.class)
                    .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(EngineErrorCode.GRAPH_EXISTS));
            assertThat(g.commits()).hasSize(1);
        }
    }

    @Test
    void s2LoadIsOneCommitAndAdvancesEachTouchedTableOnce() {
        try (TestGraph g = TestGraph.f1()) {
            String genesis = g.head();
            LoadResult r = g.load(Fixtures.text("engine/test.jsonl"), LoadMode.APPEND);
            assertThat(g.commits()).hasSize(2);
            assertThat(r.commit().parentCommitId()).contains(genesis);
            assertThat(r.commit().graphManifestVersion()).isEqualTo(2);
            assertThat(r.nodes()).containsExactly(new TypeCount("Company", 2), new TypeCount("Person", 4));
            assertThat(r.edges()).containsExactly(new TypeCount("Knows", 3), new TypeCount("WorksAt", 2));
            assertThat(r.totalEntities()).isEqualTo(11);
            assertThat(r.branchCreated()).isFalse();
            SnapshotInfo s = g.graph.snapshot(NOBODY, "main");
            assertThat(s.graphManifestVersion()).isEqualTo(2);
            assertThat(s.datasets()).extracting(DatasetInfo::typeName, DatasetInfo::entityCount, DatasetInfo::publishedDatasetVersion)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Company", 2L, 2L),
                            org.assertj.core.groups.Tuple.tuple("Person", 4L, 2L),
                            org.assertj.core.groups.Tuple.tuple("Knows", 3L, 2L),
                            org.assertj.core.groups.Tuple.tuple("WorksAt", 2L, 2L));
        }
    }

    @Test
    void s3AppendIsStrictAndMergeUpserts() {
        try (TestGraph g = TestGraph.seeded()) {
            String line = "{\"type\":\"Person\",\"data\":{\"name\":\"Alice\",\"age\":99}}";
            assertThatThrownBy(() -> g.load(line, LoadMode.APPEND))
                    .isInstanceOfSatisfying(EngineException.KeyConflict.class, e -> {
                        assertThat(e.typeName()).contains("Person");
                        assertThat(e.entityId()).isEqualTo("Alice");
                        assertThat(e.getMessage()).contains("line 1").contains("Person").contains("'Alice'");
                    });
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(30);
            assertThat(g.commits()).hasSize(2);
            g.load(line, LoadMode.MERGE);
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(99);
            assertThat(g.commits()).hasSize(3);
            assertThat(g.graph.snapshot(NOBODY, "main").datasets().stream()
                    .filter(d -> d.typeName().equals("Person")).findFirst().orElseThrow().entityCount()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(LoadMode.class)
    void s4IntraBatchDuplicateKeyIsRejectedInEveryMode(LoadMode mode) {
        try (TestGraph g = TestGraph.seeded()) {
            String file = "{\"type\":\"Person\",\"data\":{\"name\":\"Zed\",\"age\":1}}\n"
                    + "{\"type\":\"Person\",\"data\":{\"name\":\"Zed\",\"age\":2}}\n";
            assertThatThrownBy(() -> g.load(file, mode)).isInstanceOf(EngineException.Invalid.class)
                    .hasMessageContaining("line 2").hasMessageContaining("duplicate node Person id 'Zed'")
                    .hasMessageContaining("first on line 1");
            assertThat(g.commits()).hasSize(2);
        }
    }

    @Test
    void s5MultiStatementMutationIsAtomic() {
        try (TestGraph g = TestGraph.seeded()) {
            String bad = "query q() { insert Person { name: \"Eve\", age: 22 } insert Knows { from: \"Eve\", to: \"Zed\" } }";
            assertThatThrownBy(() -> g.mutate(bad)).isInstanceOfSatisfying(EngineException.ConstraintViolation.class,
                    e -> assertThat(e.getMessage()).isEqualTo("dst 'Zed' not found in Person"));
            assertThat(g.rows("Person")).doesNotContainKey("Eve");
            assertThat(g.commits()).hasSize(2);
            MutationResult ok = g.mutate(bad.replace("Zed", "Alice"));
            assertThat(ok.affectedNodes()).isEqualTo(1);
            assertThat(ok.affectedEdges()).isEqualTo(1);
            assertThat(g.rows("Person")).containsKey("Eve");
            assertThat(g.edges("Knows")).contains("Eve->Alice");
            assertThat(g.commits()).hasSize(3);
        }
    }

    @Test
    void s6MixingInsertAndDeleteIsRejectedBeforeAnyEffect() {
        try (TestGraph g = TestGraph.seeded()) {
            String mixed = "query m() { insert Person { name: \"Eve\" } delete Person where name = \"Bob\" }";
            assertThatThrownBy(() -> g.mutate(mixed)).isInstanceOfSatisfying(EngineException.Compile.class, e -> {
                assertThat(e.code()).isEqualTo(EngineErrorCode.QUERY_ERROR);
                assertThat(e.getMessage()).contains("mixes inserts/updates and deletes");
            });
            assertThat(g.commits()).hasSize(2);
        }
    }

    @Test
    void s7ZeroEffectMutationPublishesNothing() {
        try (TestGraph g = TestGraph.seeded()) {
            MutationResult r = g.mutate("query q() { update Person set { age: 1 } where name = \"Nobody\" }");
            assertThat(r.affectedNodes()).isZero();
            assertThat(r.commit()).isEmpty();
            assertThat(g.commits()).hasSize(2);
        }
    }

    @Test
    void s8CascadeDeleteRemovesIncidentEdgesInOneCommitAndTimeTravelStillSeesThem() {
        try (TestGraph g = TestGraph.seeded()) {
            String before = g.head();
            MutationResult r = g.mutate("query q() { delete Person where name = \"Bob\" }");
            assertThat(r.affectedNodes()).isEqualTo(1);
            assertThat(r.affectedEdges()).isEqualTo(3);
            assertThat(g.commits()).hasSize(3);
            assertThat(g.edges("Knows")).containsExactly("Alice->Charlie");
            assertThat(g.edges("WorksAt")).containsExactly("Alice->Acme");
            assertThat(g.edges("Knows", ReadTarget.commit(before))).containsExactly("Alice->Bob", "Alice->Charlie", "Bob->Diana");
            assertThat(g.edges("WorksAt", ReadTarget.commit(before))).containsExactly("Alice->Acme", "Bob->Globex");
            assertThat(g.graph.snapshot(NOBODY, "main").datasets()).filteredOn(d -> d.typeName().equals("Knows"))
                    .extracting(DatasetInfo::entityCount).containsExactly(1L);
        }
    }

    @Test
    void s9BranchIsolation() {
        try (TestGraph g = TestGraph.seeded()) {
            g.graph.createBranch(NOBODY, "feature", "main");
            g.mutate("query q() { update Person set { age: 31 } where name = \"Alice\" }", "{}", "feature");
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(30);
            assertThat(g.rows("Person", ReadTarget.branch("feature")).get("Alice").get("age")).isEqualTo(31);
            List<CommitInfo> feature = g.graph.commits(NOBODY, "feature", 100);
            assertThat(feature).hasSize(g.commits().size() + 1);
            assertThat(feature.subList(1, feature.size())).isEqualTo(g.commits());
            assertThat(feature.get(0).graphBranch()).isEqualTo("feature");
        }
    }

    @Test
    void s17TimeTravel() {
        try (TestGraph g = TestGraph.seeded()) {
            String c1 = g.head();
            String c2 = g.mutate("query q() { insert Person { name: \"Eve\", age: 22 } }").commit().orElseThrow().graphCommitId();
            String c3 = g.mutate("query q() { update Person set { age: 50 } where name = \"Eve\" }").commit().orElseThrow().graphCommitId();
            String c4 = g.mutate("query q() { delete Person where name = \"Eve\" }").commit().orElseThrow().graphCommitId();
            assertThat(g.rows("Person", ReadTarget.commit(c1))).containsOnlyKeys("Alice", "Bob", "Charlie", "Diana");
            assertThat(g.rows("Person", ReadTarget.commit(c2)).get("Eve").get("age")).isEqualTo(22);
            assertThat(g.rows("Person", ReadTarget.commit(c3)).get("Eve").get("age")).isEqualTo(50);
            assertThat(g.rows("Person", ReadTarget.commit(c4))).doesNotContainKey("Eve");
            g.mutate("query q() { insert Person { name: \"Frank\" } }");
            assertThat(g.rows("Person", ReadTarget.commit(c3)).get("Eve").get("age")).isEqualTo(50);
            assertThatThrownBy(() -> g.rows("Person", ReadTarget.commit("01JZZZZZZZZZZZZZZZZZZZZZZZ")))
                    .isInstanceOfSatisfying(EngineException.NotFound.class,
                            e -> assertThat(e.getMessage()).isEqualTo("commit '01JZZZZZZZZZZZZZZZZZZZZZZZ' not found"));
        }
    }

    @Test
    void s21ConditionalWrite() {
        try (TestGraph g = TestGraph.seeded()) {
            String h = g.head();
            g.mutate("query q() { insert Person { name: \"Eve\" } }");
            String fresh = g.head();
            MutationRequest req = MutationRequest.of("query q() { update Person set { age: 1 } where name = \"Alice\" }", "main");
            assertThatThrownBy(() -> g.graph.mutate(NOBODY, req.ifCommit(h)))
                    .isInstanceOfSatisfying(EngineException.PreconditionFailed.class, e -> {
                        assertThat(e.expected()).isEqualTo(h);
                        assertThat(e.actual()).contains(fresh);
                    });
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(30);
            MutationResult ok = g.graph.mutate(NOBODY, req.ifCommit(fresh));
            assertThat(ok.affectedNodes()).isEqualTo(1);
        }
    }

    @Test
    void s25SchemaApplyRequiresOnlyMain() {
        try (TestGraph g = TestGraph.seeded()) {
            String v2 = Fixtures.text("engine/test.pg").replace("age: I32?", "age: I32?\n    nickname: String?");
            g.graph.createBranch(NOBODY, "feature", "main");
            assertThatThrownBy(() -> g.graph.applySchema(NOBODY, v2, false))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.SCHEMA_APPLY_BLOCKED);
                        assertThat(e.getMessage()).contains("requires a graph with only main").contains("feature");
                    });
            int before = g.commits().size();
            g.graph.deleteBranch(NOBODY, "feature");
            SchemaApplyResult r = g.graph.applySchema(NOBODY, v2, false);
            assertThat(r.applied()).isTrue();
            assertThat(g.commits()).hasSize(before + 1);
            assertThat(g.rows("Person").get("Alice")).containsEntry("nickname", null).containsEntry("age", 30);
            assertThat(g.graph.schemaSource(NOBODY, "main")).contains("nickname");
            SchemaApplyResult again = g.graph.applySchema(NOBODY, v2, false);
            assertThat(again.applied()).isFalse();
            assertThat(g.commits()).hasSize(before + 1);
            assertThat(Optional.of(r.graphManifestVersion())).contains((long) before + 1);
        }
    }
}
