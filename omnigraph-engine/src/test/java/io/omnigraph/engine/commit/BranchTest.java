package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.testing.CountingStore;
import io.omnigraph.engine.testing.FaultStore;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static io.omnigraph.engine.testing.TestGraphs.people;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BranchTest {

    @Test
    void branchesIsolateWritesAndShareSegments() {
        GraphStore g = GraphStore.init(new InMemoryObjectStore(), TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        PublishResult seed = TestGraphs.insertPeople(g, g.readBranch("main"), people("p1", "Ann", "1"));
        BranchHead feature = g.createBranch("feature/x", ReadTarget.branch("main"));
        assertThat(feature.headCommitId()).isEqualTo(seed.commit().id());
        assertThat(feature.ref().incarnation()).isNotEqualTo(g.readBranch("main").ref().incarnation());
        TableData onMain = g.snapshot(ReadTarget.branch("main")).table("person");
        TableData onFeature = g.snapshot(ReadTarget.branch("feature/x")).table("person");
        assertThat(onFeature).as("branches that share segments share decoded memory").isSameAs(onMain);

        PublishResult f1 = TestGraphs.insertPeople(g, feature, people("p2", "Bob", "2"));
        assertThat(f1.commit().branch()).isEqualTo("feature/x");
        assertThat(g.snapshot(ReadTarget.branch("feature/x")).table("person").rowCount()).isEqualTo(2);
        assertThat(g.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(1);
        assertThat(g.listBranches()).containsExactly("feature/x", "main");

        g.deleteBranch("feature/x");
        assertThat(g.listBranches()).containsExactly("main");
        // its commits stay readable by id until cleanup
        assertThat(g.snapshot(ReadTarget.commit(f1.commit().id())).table("person").rowCount()).isEqualTo(2);
        // a re-created branch is a new incarnation
        BranchHead again = g.createBranch("feature/x", ReadTarget.commit(f1.commit().id()));
        assertThat(again.ref().incarnation()).isNotEqualTo(feature.ref().incarnation());
    }

    @Test
    void mainIsReservedAndUnknownOrDuplicateBranchesAreTyped() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore g = GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        assertThatThrownBy(() -> g.createBranch("main", ReadTarget.branch("main")))
                .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.BRANCH_RESERVED));
        assertThatThrownBy(() -> g.deleteBranch("main"))
                .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.BRANCH_RESERVED));
        assertThatThrownBy(() -> g.deleteBranch("ghost")).isInstanceOf(EngineException.NotFound.class)
                .hasMessage("branch 'ghost' not found");
        assertThatThrownBy(() -> g.createBranch("x", ReadTarget.branch("ghost"))).isInstanceOf(EngineException.NotFound.class);
        g.createBranch("dup", ReadTarget.branch("main"));
        assertThatThrownBy(() -> g.createBranch("dup", ReadTarget.branch("main")))
                .isInstanceOfSatisfying(EngineException.Exists.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.BRANCH_EXISTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/", "a//b", "a/../b", "..", ".hidden", "a/.b", "__internal", "sp ace", "semi;colon",
            "back\\slash", "ümlaut"})
    void invalidNamesAreRejectedBeforeAnyStoreRequest(String name) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1)).close();
        CountingStore counting = new CountingStore(mem, Duration.ZERO);
        GraphStore g = GraphStore.open(counting, TestGraphs.deterministic(2));
        counting.reset();
        assertThatThrownBy(() -> g.createBranch(name, ReadTarget.branch("main")))
                .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.INVALID_BRANCH_NAME));
        assertThatThrownBy(() -> g.deleteBranch(name)).isInstanceOf(EngineException.Invalid.class);
        assertThat(counting.total()).isZero();
    }

    @Test
    void validNamesIncludeSlashes() {
        for (String ok : new String[]{"main", "feature", "review/2026-07", "a.b_c-d", "x/y/z", "v1.2"}) {
            assertThat(BranchNames.check(ok)).isEqualTo(ok);
        }
    }

    @Test
    void aLostAckOnCreateIsRecognised() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        FaultStore faults = new FaultStore(mem);
        GraphStore g = GraphStore.init(faults, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        faults.arm(FaultStore.Mode.LANDED_THEN_412, k -> k.endsWith("feature.json"));
        BranchHead b = g.createBranch("feature", ReadTarget.branch("main"));
        assertThat(faults.fired()).isEqualTo(1);
        assertThat(g.readBranch("feature")).isEqualTo(b);
    }

    @Test
    void publishingToADeletedBranchIsNotFoundAndToARecreatedOneIsAConflict() {
        GraphStore g = GraphStore.init(new InMemoryObjectStore(), TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        BranchHead b = g.createBranch("tmp", ReadTarget.branch("main"));
        g.deleteBranch("tmp");
        assertThatThrownBy(() -> TestGraphs.insertPeople(g, b, people("p1", "A", "1"))).isInstanceOf(EngineException.NotFound.class);
        g.createBranch("tmp", ReadTarget.branch("main"));
        assertThatThrownBy(() -> TestGraphs.insertPeople(g, b, people("p1", "A", "1")))
                .isInstanceOf(EngineException.ReadSetConflict.class).hasMessageContaining("re-created");
    }
}
