package io.omnigraph.engine.merge;

import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The four merge bug classes the original OmniGraph shipped, as fixed scenarios. */
class MergeRegressionTest {

    static MiniGraph seeded() {
        MiniGraph m = new MiniGraph(new InMemoryObjectStore(), 13);
        m.upsertPeople("main", "Alice", 30, "Bob", 25, "Carol", 40, "Dan", 50);
        m.addEdge("main", "e1", "Bob", "Carol");
        m.addEdge("main", "e2", "Alice", "Dan");
        return m;
    }

    @Test
    void retryingANetZeroMergeIsIdempotent() {
        try (MiniGraph m = seeded()) {
            // fast-forward flavour: the branch changed and reverted
            m.branch("nz", "main");
            m.upsertPeople("nz", "Tmp", 1);
            m.deletePeople("nz", "Tmp");
            MergeResult first = m.merge("nz", "main");
            assertThat(first.outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            String head = m.head("main");
            for (int i = 0; i < 3; i++) {
                assertThat(m.merge("nz", "main").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
            }
            assertThat(m.head("main")).isEqualTo(head);

            // three-way flavour: both sides made the same change, so the merge changes no data
            m.branch("same", "main");
            m.upsertPeople("same", "Bob", 26);
            m.upsertPeople("main", "Bob", 26);
            MergeResult twoWay = m.merge("same", "main");
            assertThat(twoWay.outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(twoWay.stats().tablesChanged()).isZero();
            String after = m.head("main");
            assertThat(m.merge("same", "main").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
            assertThat(m.head("main")).isEqualTo(after);
            // and the branch can keep working and merge again
            m.upsertPeople("same", "Bob", 27);
            assertThat(m.merge("same", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.people("main")).containsEntry("Bob", 27);
        }
    }

    @Test
    void mergeBaseAcrossAnEarlierMergeGivesNoFalseDivergentUpdate() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Alice", 31);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            m.upsertPeople("main", "Alice", 32);     // main moves Alice on after the merge
            m.upsertPeople("feature", "Carol", 41);  // feature keeps working, does not touch Alice
            MergeResult second = m.merge("feature", "main");
            assertThat(second.outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(second.mergeBase()).as("the base is the feature head merged before, reached via the merged parent")
                    .contains(m.g.commit(m.head("feature")).firstParent().orElseThrow());
            assertThat(m.people("main")).containsEntry("Alice", 32).containsEntry("Carol", 41);

            // the other direction: main (with its merge commits) into feature
            m.upsertPeople("main", "Dan", 51);
            m.upsertPeople("feature", "Bob", 24);
            assertThat(m.merge("main", "feature").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.people("feature")).containsEntry("Alice", 32).containsEntry("Dan", 51).containsEntry("Bob", 24);
            // criss-cross: both merged each other; a further merge still finds a sound base
            m.upsertPeople("feature", "Carol", 42);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(m.people("main")).isEqualTo(m.people("feature"));
        }
    }

    @Test
    void anEdgeDeletedByOneMergeIsNotResurrectedBySiblingMerges() {
        try (MiniGraph m = seeded()) {
            m.branch("a", "main");
            m.branch("b", "main");
            m.branch("c", "main");
            m.deleteEdges("a", "e1");
            m.addEdge("b", "e3", "Carol", "Dan");   // b touches the same edge table
            m.upsertPeople("c", "Zed", 1);          // c touches another table only
            assertThat(m.merge("a", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(m.merge("b", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.merge("c", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.edges("main")).containsExactly("e2:Alice->Dan", "e3:Carol->Dan");

            // a sibling that pulls main in first and then fast-forwards main
            m.branch("d", "a");
            m.upsertPeople("d", "Yan", 2);
            assertThat(m.merge("main", "d").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.merge("d", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(m.edges("main")).containsExactly("e2:Alice->Dan", "e3:Carol->Dan");
            // a stale sibling created before the delete and never synced
            m.branch("stale", "a");
            String staleBase = m.g.commit(m.head("stale")).id();
            assertThat(staleBase).isNotNull();
            m.addEdge("b", "e4", "Dan", "Bob");
            assertThat(m.merge("b", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.edges("main")).containsExactly("e2:Alice->Dan", "e3:Carol->Dan", "e4:Dan->Bob");
        }
    }

    @Test
    void fastForwardIntoAParentKeepsChildBranchesReadableAfterCleanup() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Eve", 22);
            m.addEdge("feature", "e5", "Eve", "Alice");
            m.branch("child", "feature");
            m.upsertPeople("child", "Kid", 5);
            Commit childHead = m.g.commit(m.head("child"));
            m.upsertPeople("feature", "Eve", 23);
            // feature compacts its person table: the segments the child shares are now referenced by the child only
            m.overwritePeople("feature", "Alice", 30, "Bob", 25, "Carol", 40, "Dan", 50, "Eve", 23);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            m.g.deleteBranch("feature");
            assertThat(m.cleanup(1)).isPositive();

            try (MiniGraph reopened = MiniGraph.open(m.g.objectStore(), io.omnigraph.engine.testing.TestGraphs.deterministic(99))) {
                assertThat(reopened.people("child")).containsEntry("Eve", 22).containsEntry("Kid", 5).hasSize(6);
                assertThat(reopened.edges("child")).contains("e5:Eve->Alice");
                assertThat(reopened.people("main")).containsEntry("Eve", 23).doesNotContainKey("Kid");
                assertThat(reopened.people(ReadTarget.commit(childHead.id()))).containsEntry("Kid", 5);
                // and the child can still merge into main
                assertThat(reopened.merge("child", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
                assertThat(reopened.people("main")).containsEntry("Eve", 23).containsEntry("Kid", 5);
            }
        }
    }
}
