package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.testing.CountingStore;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Store-operation counts of the hot paths (docs/storage-format.md, "Cost table"). */
class CostTest {
    static final Duration RTT = Duration.ofMillis(30);

    /** A graph on {@code mem} whose main has {@code depth} commits (genesis included). */
    static void history(InMemoryObjectStore mem, io.omnigraph.engine.format.SchemaObject schema, int depth) {
        try (GraphStore g = GraphStore.init(mem, schema, Optional.empty(), TestGraphs.deterministic(1))) {
            BranchHead head = g.readBranch("main");
            for (int i = 1; i < depth; i++) {
                head = g.publish(PublishRequest.of(head, CommitDraft.builder("noop").message("c" + i).build())).head();
            }
        }
    }

    static PublishResult insertOneNode(GraphStore g, BranchHead head, Snapshot snap) {
        String id = g.newId(); // unkeyed node: generated id, strict insert, no existence probe needed
        var rows = new TableDataBuilder(snap.tableSchema("person")).appendRow(id, "New", 1).build();
        return TestGraphs.insertPeople(g, head, rows);
    }

    @ParameterizedTest(name = "history depth {0}")
    @ValueSource(ints = {1, 100, 1000})
    void singleRowPublishCostsAtMostSixOpsColdAndFourWarmAtAnyDepth(int depth) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        history(mem, TestGraphs.schema(), depth);
        CountingStore counting = new CountingStore(mem, RTT);
        try (GraphStore g = GraphStore.open(counting, TestGraphs.deterministic(5))) {
            counting.reset(); // open (1 GET of graph.json) is a one-time cost of the handle
            BranchHead head = g.readBranch("main");
            Snapshot snap = g.snapshot(head);
            PublishResult r = insertOneNode(g, head, snap);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(counting.log()).as("cold: ref, commit ∥ schema, segment ∥ commit, CAS").hasSize(6);
            assertThat(counting.count("get")).isEqualTo(3);
            assertThat(counting.count("put")).isEqualTo(2);
            assertThat(counting.count("putIfMatch")).isEqualTo(1);
            assertThat(counting.count("list")).isZero();
            assertThat(counting.roundTrips()).isEqualTo(4);

            counting.reset();
            BranchHead head2 = g.readBranch("main");
            Snapshot snap2 = g.snapshot(head2);
            insertOneNode(g, head2, snap2);
            assertThat(counting.log()).as("warm: ref, segment ∥ commit, CAS").hasSize(4);
            assertThat(counting.roundTrips()).isEqualTo(3);

            counting.reset();
            Snapshot warmRead = g.snapshot(ReadTarget.branch("main"));
            assertThat(warmRead.table("person").rowCount()).isEqualTo(2);
            counting.reset();
            g.snapshot(ReadTarget.branch("main")).table("person");
            assertThat(counting.log()).as("warm read: one small ref GET").hasSize(1);
            counting.reset();
            g.snapshot(ReadTarget.commit(r.commit().id())).table("person");
            assertThat(counting.total()).as("time travel to a cached commit").isZero();
        }
    }

    @ParameterizedTest(name = "{0} tables, history depth {1}")
    @CsvSource({"8,1", "8,100", "8,1000", "140,1", "140,100", "140,1000"})
    void branchCreateAndDeleteAreConstantCost(int tables, int depth) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        history(mem, TestGraphs.wideSchema(tables), depth);
        CountingStore counting = new CountingStore(mem, Duration.ZERO);
        try (GraphStore g = GraphStore.open(counting, TestGraphs.deterministic(5))) {
            counting.reset();
            g.createBranch("review/2026-07", ReadTarget.branch("main"));
            assertThat(counting.log()).as("create from branch").hasSize(2);
            assertThat(counting.count("get")).isEqualTo(1);
            assertThat(counting.count("putIfAbsent")).isEqualTo(1);

            counting.reset();
            g.deleteBranch("review/2026-07");
            assertThat(counting.log()).as("delete").hasSize(2);
            assertThat(counting.count("delete")).isEqualTo(1);

            String head = g.readBranch("main").headCommitId();
            counting.reset();
            g.createBranch("pinned", ReadTarget.commit(head));
            assertThat(counting.log()).as("create from a commit (cold)").hasSize(2);

            counting.reset();
            assertThat(g.listBranches()).containsExactly("main", "pinned");
            assertThat(counting.log()).as("list").hasSize(1);
        }
    }
}
