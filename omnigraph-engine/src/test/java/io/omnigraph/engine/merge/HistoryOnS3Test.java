package io.omnigraph.engine.merge;

import io.omnigraph.engine.diff.ChangeHistory;
import io.omnigraph.engine.diff.ChangeOp;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.diff.FeedPage;
import io.omnigraph.engine.diff.FeedRequest;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.testkit.storage.S3ProxyFixture;
import org.junit.jupiter.api.Test;
import io.omnigraph.engine.api.BranchMergeRequest;
import io.omnigraph.engine.api.BranchMergeResult;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.policy.Actor;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key merge and history scenarios over the real S3 protocol (S3Proxy in-process, AWS SDK over HTTP). */
class HistoryOnS3Test {
    private static final S3ProxyFixture S3 = S3ProxyFixture.shared();

    @Test
    void mergesConflictsNetZeroAndFeedOnS3() {
        try (MiniGraph m = new MiniGraph(S3.newStore("graphs/merge.omni"), 41)) {
            m.upsertPeople("main", "Alice", 30, "Bob", 25, "Carol", 40);
            m.addEdge("main", "e1", "Bob", "Carol");
            ChangeHistory h = new ChangeHistory(m.g);
            String cursor = h.poll(FeedRequest.start("main", "beginning")).cursor().orElseThrow();

            m.branch("feature", "main");
            m.upsertPeople("feature", "Alice", 31);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            m.upsertPeople("feature", "Eve", 22);
            m.upsertPeople("main", "Bob", 26);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(m.people("main")).containsEntry("Alice", 31).containsEntry("Bob", 26).containsEntry("Eve", 22);

            m.upsertPeople("feature", "Carol", 41);
            m.upsertPeople("main", "Carol", 42);
            String before = m.head("main");
            assertThatThrownBy(() -> m.merge("feature", "main")).isInstanceOfSatisfying(EngineException.MergeConflicts.class,
                    e -> assertThat(e.conflicts()).extracting(c -> c.kind()).containsExactly(MergeConflictKind.DIVERGENT_UPDATE));
            assertThat(m.head("main")).isEqualTo(before);

            m.branch("nz", "main");
            m.addEdge("nz", "tmp", "Alice", "Bob");
            m.deleteEdges("nz", "tmp");
            assertThat(m.merge("nz", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(m.merge("nz", "main").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);

            FeedPage p = h.poll(FeedRequest.resume("main", cursor));
            assertThat(p.caughtUp()).contains(true);
            assertThat(p.blocks()).hasSize(5); // ff merge, Bob 26, three-way merge, ... , net-zero merge
            assertThat(p.blocks().get(0).changes()).extracting(EntityChange::op).containsExactly(ChangeOp.UPDATE);
            assertThat(p.blocks().get(4).changes()).isEmpty();
        }
    }

    @Test
    void facadeMergeWithValidationCommitChangesAndFeedOnS3() {
        var store = S3.newStore("graphs/facade.omni");
        Optional<Actor> who = Optional.of(Actor.of("ruth"));
        try (Graph g = OmniGraph.init(store, io.omnigraph.testkit.Fixtures.text("engine/test.pg"), InitOptions.defaults())) {
            g.load(who, LoadRequest.of(new java.io.ByteArrayInputStream(io.omnigraph.testkit.Fixtures.text("engine/test.jsonl")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "main", LoadMode.APPEND));
            g.createBranch(who, "feature", "main");
            g.mutate(who, MutationRequest.of("query q() { delete Person where name = \"Alice\" }", "feature"));
            g.mutate(who, MutationRequest.of("query q() { insert Knows { from: \"Alice\", to: \"Diana\" } }", "main"));
            assertThatThrownBy(() -> g.history().merge(who, BranchMergeRequest.of("feature", "main")))
                    .isInstanceOfSatisfying(EngineException.MergeConflicts.class,
                            e -> assertThat(e.conflicts()).extracting(c -> c.kind()).containsExactly(MergeConflictKind.ORPHAN_EDGE));
            g.mutate(who, MutationRequest.of("query q() { delete Knows where to = \"Diana\" }", "main"));
            BranchMergeResult r = g.history().merge(who, BranchMergeRequest.of("feature", "main").deletingSource());
            assertThat(r.merge().outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(r.branchDeleted()).contains(true);
            String head = r.merge().commit().orElseThrow().id();
            var changes = g.history().commitChanges(who, head, io.omnigraph.engine.diff.ChangeFilter.all(),
                    io.omnigraph.engine.diff.PageSpec.defaults(), Optional.empty()).changes();
            assertThat(changes).extracting(c -> c.kind().text() + ":" + c.op().wire())
                    .containsExactly("node:delete", "edge:delete", "edge:delete", "edge:delete"); // Alice and her 3 edges
            FeedPage p = g.history().poll(who, FeedRequest.start("main", "beginning"));
            assertThat(p.blocks()).hasSize(4);
            assertThat(p.blocks().get(3).cause().mergedParentCommitId()).isPresent();
        }
    }

    @Test
    void fastForwardIntoAParentKeepsTheChildReadableAfterCleanupOnS3() {
        var store = S3.newStore("graphs/ff.omni");
        try (MiniGraph m = new MiniGraph(store, 43)) {
            m.upsertPeople("main", "Alice", 30, "Bob", 25);
            m.branch("feature", "main");
            m.upsertPeople("feature", "Eve", 22);
            m.branch("child", "feature");
            m.upsertPeople("child", "Kid", 5);
            m.upsertPeople("feature", "Eve", 23);
            m.overwritePeople("feature", "Alice", 30, "Bob", 25, "Eve", 23);
            assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            m.g.deleteBranch("feature");
            assertThat(m.cleanup(1)).isPositive();
        }
        try (MiniGraph reopened = MiniGraph.open(store, TestGraphs.deterministic(44))) {
            assertThat(reopened.people("child")).containsEntry("Eve", 22).containsEntry("Kid", 5);
            assertThat(reopened.people("main")).containsEntry("Eve", 23).hasSize(3);
        }
    }
}
