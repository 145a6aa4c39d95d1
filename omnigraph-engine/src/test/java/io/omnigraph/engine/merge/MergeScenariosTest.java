package io.omnigraph.engine.merge;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** engine.md §9 scenarios 10–15 against the merge engine. */
class MergeScenariosTest {

    /** Persons Alice30 Bob25 Charlie35 Diana28; Knows Alice→Bob, Alice→Charlie, Bob→Diana. */
    static MiniGraph seeded() {
        MiniGraph m = new MiniGraph(new InMemoryObjectStore(), 11);
        m.upsertPeople("main", "Alice", 30, "Bob", 25, "Charlie", 35, "Diana", 28);
        m.addEdge("main", "k1", "Alice", "Bob");
        m.addEdge("main", "k2", "Alice", "Charlie");
        m.addEdge("main", "k3", "Bob", "Diana");
        return m;
    }

    private static int commits(MiniGraph m, String branch) {
        return m.g.log(m.head(branch), Integer.MAX_VALUE).size();
    }

    @Test
    void scenarios9to11FastForwardThenUpToDateThenBackMerge() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Alice", 31);
            assertThat(m.people("main")).containsEntry("Alice", 30);
            assertThat(m.people("feature")).containsEntry("Alice", 31);
            assertThat(commits(m, "feature")).isEqualTo(commits(m, "main") + 1);
            // main -> feature while feature descends from main: up to date
            assertThat(m.merge("main", "feature").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);

            String mainBefore = m.head("main");
            String featureHead = m.head("feature");
            MergeResult ff = m.merge("feature", "main");
            assertThat(ff.outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(ff.actor()).contains("tester");
            Commit c = ff.commit().orElseThrow();
            assertThat(c.parents()).containsExactly(mainBefore, featureHead);
            assertThat(m.people("main")).containsEntry("Alice", 31);
            assertThat(ff.stats().rowsWritten()).as("a fast forward adopts segments, writes no rows").isZero();
            assertThat(ff.stats().tablesAdopted()).isEqualTo(1);

            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
            assertThat(m.head("main")).isEqualTo(c.id());
            // main's merge commit is new to feature
            MergeResult back = m.merge("main", "feature");
            assertThat(back.outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(back.commit().orElseThrow().tables()).isEqualTo(m.g.commit(featureHead).tables());

            m.g.deleteBranch("feature");
            m.cleanup(1);
            assertThat(m.people("main")).containsEntry("Alice", 31);
        }
    }

    @Test
    void scenario12ThreeWayDisjointMergeHasTwoParents() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Eve", 22);
            m.upsertPeople("main", "Bob", 26);
            String mainBefore = m.head("main");
            MergeResult r = m.merge("feature", "main");
            assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(r.commit().orElseThrow().parents()).containsExactly(mainBefore, m.head("feature"));
            assertThat(m.people("main")).containsEntry("Eve", 22).containsEntry("Bob", 26).hasSize(5);
            assertThat(m.people("feature")).as("the source is unchanged").containsEntry("Bob", 25).hasSize(5);
        }
    }

    @Test
    void scenario13ConflictsAreTypedCompleteAndPublishNothing() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Alice", 31, "Eve", 21, "Diana", 1);
            m.deletePeople("feature", "Charlie");
            m.upsertPeople("main", "Alice", 32, "Eve", 22, "Charlie", 36);
            m.deletePeople("main", "Diana");
            String before = m.head("main");
            Map<String, Integer> peopleBefore = m.people("main");
            assertThatThrownBy(() -> m.merge("feature", "main"))
                    .isInstanceOfSatisfying(EngineException.MergeConflicts.class, e -> {
                        assertThat(e.code()).isEqualTo(EngineErrorCode.MERGE_CONFLICTS);
                        assertThat(e.conflicts()).extracting(c -> c.kind().wire() + ":" + c.entityId().orElseThrow())
                                .containsExactly("divergent_insert:Eve", "divergent_update:Alice",
                                        "delete_vs_update:Charlie", "delete_vs_update:Diana");
                        MergeConflict upd = e.conflicts().get(1);
                        assertThat(upd.entityKind().text()).isEqualTo("node");
                        assertThat(upd.typeName()).isEqualTo("Person");
                        assertThat(upd.properties()).hasSize(1);
                        MergeConflict.PropertyValues age = upd.properties().get(0);
                        assertThat(age.property()).isEqualTo("age");
                        assertThat(age.base().orElseThrow().asInt()).isEqualTo(30);
                        assertThat(age.source().orElseThrow().asInt()).isEqualTo(31);
                        assertThat(age.target().orElseThrow().asInt()).isEqualTo(32);
                        assertThat(upd.message()).contains("Person 'Alice'").contains("base 30").contains("feature 31")
                                .contains("main 32");
                        MergeConflict ins = e.conflicts().get(0);
                        assertThat(ins.base()).isEmpty();
                        assertThat(ins.source().orElseThrow().properties().get("age").asInt()).isEqualTo(21);
                        assertThat(ins.target().orElseThrow().properties().get("age").asInt()).isEqualTo(22);
                        MergeConflict dvu = e.conflicts().get(2);
                        assertThat(dvu.source()).isEmpty();
                        assertThat(dvu.target().orElseThrow().properties().get("age").asInt()).isEqualTo(36);
                        assertThat(dvu.message()).contains("deleted on feature but changed on main");
                        assertThat(e.getMessage()).contains("4 conflicts").contains("and 1 more");
                        assertThat(MergeJson.conflict(ins).get("kind").asText()).isEqualTo("divergent_insert");
                    });
            assertThat(m.head("main")).isEqualTo(before);
            assertThat(m.people("main")).isEqualTo(peopleBefore);
        }
    }

    @Test
    void scenario13OrphanEdge() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.deletePeople("feature", "Alice");
            m.addEdge("main", "k9", "Alice", "Charlie");
            String before = m.head("main");
            assertThatThrownBy(() -> m.merge("feature", "main"))
                    .isInstanceOfSatisfying(EngineException.MergeConflicts.class, e -> {
                        assertThat(e.conflicts()).hasSize(1);
                        MergeConflict c = e.conflicts().get(0);
                        assertThat(c.kind()).isEqualTo(MergeConflictKind.ORPHAN_EDGE);
                        assertThat(c.entityKind().text()).isEqualTo("edge");
                        assertThat(c.typeName()).isEqualTo("Knows");
                        assertThat(c.entityId()).contains("k9");
                        assertThat(c.message()).contains("node Person 'Alice'");
                    });
            assertThat(m.head("main")).isEqualTo(before);
            // without integrity validation the same merge would publish the orphan: the check is what stops it
            assertThat(m.merger(MergeValidator.none()).merge(MergeRequest.of("feature", "main", Optional.empty())).outcome())
                    .isEqualTo(MergeOutcome.MERGED);
            assertThat(m.edges("main")).contains("k9:Alice->Charlie");
        }
    }

    @Test
    void scenario14IdenticalChangeOnBothSidesIsNoConflict() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Alice", 31);
            m.upsertPeople("main", "Alice", 31);
            MergeResult r = m.merge("feature", "main");
            assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(r.stats().rowsWritten()).isZero();
            assertThat(m.people("main")).containsEntry("Alice", 31);
        }
    }

    @Test
    void scenario15NetZeroBranchLandsOneLineageCommitAndNoData() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.addEdge("feature", "k-da", "Diana", "Alice");
            m.deleteEdges("feature", "k-da");
            int before = commits(m, "main");
            Commit mainHead = m.g.commit(m.head("main"));
            MergeResult r = m.merge("feature", "main");
            assertThat(r.outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(commits(m, "main")).isEqualTo(before + 1);
            assertThat(r.commit().orElseThrow().tables()).as("no table state changes").isEqualTo(mainHead.tables());
            assertThat(r.stats().tablesChanged()).isZero();
            assertThat(m.edges("main")).hasSize(3);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
            assertThat(commits(m, "main")).isEqualTo(before + 1);
        }
    }

    @Test
    void refusals() {
        try (MiniGraph m = seeded()) {
            assertThatThrownBy(() -> m.merge("main", "main")).hasMessageContaining("into itself");
            assertThatThrownBy(() -> m.merge("ghost", "main")).isInstanceOf(EngineException.NotFound.class);
            assertThatThrownBy(() -> m.merge("__internal", "main"))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.INVALID_BRANCH_NAME));
            m.branch("feature", "main");
            m.upsertPeople("feature", "Zed", 1);
            // a schema change on one side only
            var withPet = io.omnigraph.engine.format.SchemaObject.create("v2", null, List.of(
                    io.omnigraph.engine.testing.TestGraphs.person(), io.omnigraph.engine.testing.TestGraphs.company(),
                    io.omnigraph.engine.testing.TestGraphs.knows(),
                    io.omnigraph.engine.table.TableSchema.node("pet", "Pet", List.of())));
            m.g.publish(io.omnigraph.engine.commit.PublishRequest.of(m.g.readBranch("main"),
                    io.omnigraph.engine.commit.CommitDraft.builder("schema_apply").newSchema(withPet).build()));
            assertThatThrownBy(() -> m.merge("feature", "main"))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.SCHEMA_MISMATCH));
            assertThat(m.people(ReadTarget.branch("main"))).doesNotContainKey("Zed");
        }
    }
}
