package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Json;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.testing.FaultStore;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static io.omnigraph.engine.testing.TestGraphs.people;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphStoreTest {

    static GraphStore fresh(InMemoryObjectStore mem) {
        return GraphStore.init(mem, TestGraphs.schema(), Optional.of("alice"), TestGraphs.deterministic(1));
    }

    @Test
    void initWritesGenesisAndMainAndOpenReadsIt() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore g = fresh(mem);
        BranchHead main = g.readBranch("main");
        Commit genesis = g.commit(main.headCommitId());
        assertThat(genesis.parents()).isEmpty();
        assertThat(genesis.generation()).isEqualTo(1);
        assertThat(genesis.actor()).contains("alice");
        assertThat(genesis.tables()).containsOnlyKeys("company", "knows", "person");
        assertThat(g.stamp().genesisCommit()).isEqualTo(genesis.id());
        assertThat(mem.list("").stream().map(o -> o.key()))
                .contains("graph.json", "refs/branches/main.json", Layout.commit(genesis.id()));

        GraphStore reopened = GraphStore.open(mem, TestGraphs.deterministic(2));
        Snapshot s = reopened.snapshot(ReadTarget.branch("main"));
        assertThat(s.commitId()).isEqualTo(genesis.id());
        assertThat(s.table("person").rowCount()).isZero();
        assertThat(reopened.listBranches()).containsExactly("main");
    }

    @Test
    void initRefusesExistingGraphsAndNonEmptyRoots() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        fresh(mem);
        assertThatThrownBy(() -> fresh(mem)).isInstanceOfSatisfying(EngineException.Exists.class,
                e -> assertThat(e.code()).isEqualTo(EngineErrorCode.GRAPH_EXISTS));
        InMemoryObjectStore other = new InMemoryObjectStore();
        other.put("notes.txt", new byte[]{1});
        assertThatThrownBy(() -> fresh(other)).isInstanceOfSatisfying(EngineException.Invalid.class,
                e -> assertThat(e.code()).isEqualTo(EngineErrorCode.ROOT_NOT_EMPTY)).hasMessageContaining("notes.txt");
        assertThat(other.list("")).hasSize(1);
    }

    @Test
    void initSurvivesLostAcknowledgementsOfItsConditionalWrites() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        FaultStore faults = new FaultStore(mem);
        faults.arm(FaultStore.Mode.LANDED_THEN_412, k -> k.equals("graph.json"));
        GraphStore g = GraphStore.init(faults, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(3));
        assertThat(faults.fired()).isEqualTo(1);
        InMemoryObjectStore mem2 = new InMemoryObjectStore();
        FaultStore faults2 = new FaultStore(mem2);
        faults2.arm(FaultStore.Mode.LANDED_THEN_412, k -> k.equals(Layout.ref("main")));
        GraphStore g2 = GraphStore.init(faults2, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(4));
        assertThat(faults2.fired()).isEqualTo(1);
        assertThat(g.readBranch("main").headCommitId()).isEqualTo(g.stamp().genesisCommit());
        assertThat(g2.readBranch("main").headCommitId()).isEqualTo(g2.stamp().genesisCommit());
    }

    @Test
    void openRefusesMissingAndForeignFormatVersions() {
        InMemoryObjectStore empty = new InMemoryObjectStore();
        assertThatThrownBy(() -> GraphStore.open(empty, TestGraphs.deterministic(1)))
                .isInstanceOfSatisfying(EngineException.FormatUnsupported.class,
                        e -> assertThat(e.code()).isEqualTo(EngineErrorCode.FORMAT_UNSUPPORTED))
                .hasMessageContaining("graph.json is missing");
        InMemoryObjectStore newer = new InMemoryObjectStore();
        fresh(newer);
        String stamp = newer.get("graph.json").orElseThrow().utf8().replace("\"format_version\":1", "\"format_version\":7");
        newer.put("graph.json", stamp.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> GraphStore.open(newer, TestGraphs.deterministic(1)))
                .isInstanceOf(EngineException.FormatUnsupported.class).hasMessageContaining("format 7")
                .hasMessageContaining("upgrade omnigraph");
        newer.put("graph.json", stamp.replace("\"format_version\":7", "\"format_version\":0").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> GraphStore.open(newer, TestGraphs.deterministic(1)))
                .isInstanceOf(EngineException.FormatUnsupported.class).hasMessageContaining("export");
    }

    @Test
    void publishMakesRowsVisibleAndOldCommitsStayReadable() {
        GraphStore g = fresh(new InMemoryObjectStore());
        BranchHead main = g.readBranch("main");
        String genesis = main.headCommitId();
        PublishResult r1 = TestGraphs.insertPeople(g, main, people("p1", "Ann", "31", "p2", "Bob", null));
        assertThat(r1.attempts()).isEqualTo(1);
        assertThat(r1.commit().parents()).containsExactly(genesis);
        assertThat(r1.commit().generation()).isEqualTo(2);
        assertThat(r1.commit().tables().get("person").liveRows()).isEqualTo(2);
        PublishResult r2 = TestGraphs.insertPeople(g, r1.head(), people("p3", "Cy", "40"));

        TableData now = g.snapshot(ReadTarget.branch("main")).table("person");
        assertThat(now.rowCount()).isEqualTo(3);
        assertThat(now.row(now.rowOf("p1"))).containsEntry("name", "Ann").containsEntry("age", 31);
        TableData then = g.snapshot(ReadTarget.commit(r1.commit().id())).table("person");
        assertThat(then.rowCount()).isEqualTo(2);
        assertThat(then.rowOf("p3")).isEqualTo(-1);
        assertThat(g.snapshot(ReadTarget.commit(genesis)).table("person").rowCount()).isZero();
        assertThat(g.log(r2.commit().id(), 10)).extracting(Commit::id)
                .containsExactly(r2.commit().id(), r1.commit().id(), genesis);

        GraphStore other = GraphStore.open(g.objectStore(), TestGraphs.deterministic(9));
        assertThat(other.snapshot(ReadTarget.commit(r1.commit().id())).table("person").rowCount()).isEqualTo(2);
    }

    @Test
    void laterSegmentsShadowEarlierRowsAndDeleteSegmentsRemoveIds() {
        GraphStore g = fresh(new InMemoryObjectStore());
        BranchHead main = g.readBranch("main");
        PublishResult r1 = TestGraphs.insertPeople(g, main, people("p1", "Ann", "31", "p2", "Bob", "25", "p3", "Cy", "40"));
        PendingSegment upd = g.encodeData(people("p2", "Bobby", "26", "p4", "Dee", "50"));
        PendingSegment del = g.encodeDelete(TestGraphs.person(), List.of("p1", "p1", "zz"));
        CommitDraft draft = CommitDraft.builder("mutation").append(upd, 1).append(del, -1)
                .footprint(KeyFootprint.of("person", TableFootprint.upserts(IdSet.of("p4"), IdSet.of("p2")).withDeletes(IdSet.of("p1"))))
                .build();
        PublishResult r2 = g.publish(PublishRequest.of(r1.head(), draft));
        assertThat(r2.commit().tables().get("person").segments()).hasSize(3);
        assertThat(r2.commit().tables().get("person").liveRows()).isEqualTo(3);
        TableData t = g.snapshot(ReadTarget.commit(r2.commit().id())).table("person");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.rowOf("p1")).isEqualTo(-1);
        assertThat(t.row(t.rowOf("p2"))).containsEntry("name", "Bobby").containsEntry("age", 26);
        assertThat(t.row(t.rowOf("p3"))).containsEntry("name", "Cy");
        assertThat(t.row(t.rowOf("p4"))).containsEntry("name", "Dee");
        // re-inserting a deleted id after the delete segment makes it live again
        PublishResult r3 = TestGraphs.insertPeople(g, r2.head(), people("p1", "Ann again", null));
        TableData t3 = g.snapshot(ReadTarget.commit(r3.commit().id())).table("person");
        assertThat(t3.row(t3.rowOf("p1"))).containsEntry("name", "Ann again");
        assertThat(t3.rowCount()).isEqualTo(4);
    }

    @Test
    void unknownCommitsAndBranchesAreTypedNotFound() {
        GraphStore g = fresh(new InMemoryObjectStore());
        assertThatThrownBy(() -> g.snapshot(ReadTarget.commit("nope"))).isInstanceOf(EngineException.NotFound.class)
                .hasMessage("commit 'nope' not found");
        assertThatThrownBy(() -> g.snapshot(ReadTarget.commit("01JAAAAAAAAAAAAAAAAAAAAAAA")))
                .isInstanceOf(EngineException.NotFound.class).hasMessage("commit '01JAAAAAAAAAAAAAAAAAAAAAAA' not found");
        assertThatThrownBy(() -> g.readBranch("feature")).isInstanceOf(EngineException.NotFound.class)
                .hasMessage("branch 'feature' not found");
        assertThatThrownBy(() -> g.snapshot(ReadTarget.branch("main")).table("ghost"))
                .isInstanceOf(EngineException.NotFound.class).hasMessage("table 'ghost' not found");
    }

    @Test
    void ifCommitPreconditionIsCheckedAndNeverRetried() {
        GraphStore g = fresh(new InMemoryObjectStore());
        BranchHead main = g.readBranch("main");
        String genesis = main.headCommitId();
        PublishResult r1 = TestGraphs.insertPeople(g, main, people("p1", "Ann", "31"));
        PendingSegment seg = g.encodeData(people("p2", "Bob", "1"));
        CommitDraft draft = CommitDraft.builder("mutation").append(seg, 1).build();
        // stale base: the CAS fails, then the precondition is re-checked against the new head → typed 412
        assertThatThrownBy(() -> g.publish(PublishRequest.of(main, draft).ifHead(genesis)))
                .isInstanceOfSatisfying(EngineException.PreconditionFailed.class, e -> {
                    assertThat(e.expected()).isEqualTo(genesis);
                    assertThat(e.actual()).contains(r1.commit().id());
                    assertThat(e.code()).isEqualTo(EngineErrorCode.PRECONDITION_FAILED);
                });
        // fresh base but a different expectation → refused before any upload
        int before = g.objectStore().list("").size();
        assertThatThrownBy(() -> g.publish(PublishRequest.of(g.readBranch("main"), draft).ifHead(genesis)))
                .isInstanceOf(EngineException.PreconditionFailed.class);
        assertThat(g.objectStore().list("").size()).isEqualTo(before);
        assertThat(g.publish(PublishRequest.of(g.readBranch("main"), draft).ifHead(r1.commit().id())).attempts()).isEqualTo(1);
    }

    @Test
    void commitObjectsAreDeterministicJsonWithFormatVersion() {
        GraphStore g = fresh(new InMemoryObjectStore());
        Commit c = g.commit(g.readBranch("main").headCommitId());
        byte[] a = Json.encode(c);
        byte[] b = Json.encode(Json.decode("x", a, Commit.class));
        assertThat(new String(a, StandardCharsets.UTF_8)).startsWith("{\"format_version\":1,\"id\":\"")
                .contains("\"schema_digest\":\"sha256:").contains("\"live_rows\":0");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void draftsMustReferenceTheirUploadsAndKnownTables() {
        GraphStore g = fresh(new InMemoryObjectStore());
        BranchHead main = g.readBranch("main");
        PendingSegment seg = g.encodeData(people("p1", "Ann", "1"));
        CommitDraft unknownTable = CommitDraft.builder("x")
                .change("ghost", new TableChange.Append(List.of(seg.ref()), 1)).build();
        assertThatThrownBy(() -> g.publish(PublishRequest.of(main, unknownTable)))
                .isInstanceOf(EngineException.Invalid.class).hasMessageContaining("ghost");
        assertThat(g.readBranch("main").headCommitId()).isEqualTo(main.headCommitId());
    }
}
