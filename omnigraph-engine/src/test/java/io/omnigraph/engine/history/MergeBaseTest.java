package io.omnigraph.engine.history;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.commit.Rebasers;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MergeBaseTest {

    static Commit c(Map<String, Commit> all, String id, long gen, String... parents) {
        Commit c = new Commit(1, id, List.of(parents), gen, gen, "main", Optional.empty(), gen, "x", "", "sha256:0", Map.of());
        all.put(id, c);
        return c;
    }

    static BranchHead commit(GraphStore g, BranchHead head, String msg, String mergedParent) {
        CommitDraft.Builder b = CommitDraft.builder(mergedParent == null ? "noop" : "merge").message(msg);
        if (mergedParent != null) {
            b.mergedParent(mergedParent);
        }
        return g.publish(PublishRequest.of(head, b.build()).withRebaser(Rebasers.never())).head();
    }

    @Test
    void mergeBaseReachableOnlyThroughAMergeParentIsFound() {
        // main:    G ──────────── M1 (merge of F1)
        // feature:  └── F1 ── F2
        // merge-base(M1, F2) must be F1; following first parents only would give G (a false conflict source)
        GraphStore g = GraphStore.init(new InMemoryObjectStore(), TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        BranchHead main = g.readBranch("main");
        String genesis = main.headCommitId();
        BranchHead feature = g.createBranch("feature", ReadTarget.branch("main"));
        BranchHead f1 = commit(g, feature, "F1", null);
        BranchHead f2 = commit(g, f1, "F2", null);
        BranchHead m1 = commit(g, main, "M1", f1.headCommitId());
        assertThat(g.commit(m1.headCommitId()).parents()).containsExactly(genesis, f1.headCommitId());
        assertThat(g.commit(m1.headCommitId()).generation()).isEqualTo(3);
        assertThat(g.mergeBase(m1.headCommitId(), f2.headCommitId())).map(Commit::id).contains(f1.headCommitId());
        assertThat(g.mergeBase(f2.headCommitId(), m1.headCommitId())).map(Commit::id).contains(f1.headCommitId());
        assertThat(g.isAncestor(f1.headCommitId(), m1.headCommitId())).isTrue();
        assertThat(g.isAncestor(f2.headCommitId(), m1.headCommitId())).isFalse();
        // trivial cases
        assertThat(g.mergeBase(genesis, f2.headCommitId())).map(Commit::id).contains(genesis);
        assertThat(g.mergeBase(f2.headCommitId(), f2.headCommitId())).map(Commit::id).contains(f2.headCommitId());
        assertThat(g.mergeBase(f1.headCommitId(), f2.headCommitId())).map(Commit::id).contains(f1.headCommitId());
    }

    @Test
    void divergedBranchesMeetAtTheForkPoint() {
        GraphStore g = GraphStore.init(new InMemoryObjectStore(), TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        BranchHead a1 = commit(g, g.readBranch("main"), "A1", null);
        BranchHead side = g.createBranch("side", ReadTarget.branch("main"));
        BranchHead a2 = commit(g, a1, "A2", null);
        BranchHead a3 = commit(g, a2, "A3", null);
        BranchHead s1 = commit(g, side, "S1", null);
        assertThat(g.mergeBase(a3.headCommitId(), s1.headCommitId())).map(Commit::id).contains(a1.headCommitId());
        // after merging side into main and continuing both, the base moves to S1
        BranchHead m = commit(g, a3, "merge side", s1.headCommitId());
        BranchHead s2 = commit(g, s1, "S2", null);
        assertThat(g.mergeBase(m.headCommitId(), s2.headCommitId())).map(Commit::id).contains(s1.headCommitId());
    }

    @Test
    void crissCrossMergesPickADeterministicBestBase() {
        //      A
        //     / \
        //    B   C
        //    |\ /|
        //    | X |
        //    |/ \|
        //    D   E     D = merge(B, C), E = merge(C, B): both B and C are best common ancestors of D and E
        Map<String, Commit> all = new HashMap<>();
        Commit a = c(all, "A", 1);
        Commit b = c(all, "B", 2, "A");
        Commit cc = c(all, "C", 2, "A");
        Commit d = c(all, "D", 3, "B", "C");
        Commit e = c(all, "E", 3, "C", "B");
        List<Commit> bases = MergeBase.all(d, e, all::get);
        assertThat(bases).extracting(Commit::id).containsExactly("B", "C");
        assertThat(MergeBase.best(d, e, all::get)).map(Commit::id).contains("B");
        assertThat(MergeBase.best(e, d, all::get)).map(Commit::id).contains("B");
        assertThat(MergeBase.best(b, cc, all::get)).map(Commit::id).contains("A");
        assertThat(MergeBase.isAncestor(a, d, all::get)).isTrue();
    }

    @Test
    void unrelatedHistoriesHaveNoBase() {
        Map<String, Commit> all = new HashMap<>();
        Commit x = c(all, "X", 1);
        Commit y1 = c(all, "Y1", 1);
        Commit y2 = c(all, "Y2", 2, "Y1");
        assertThat(MergeBase.best(x, y2, all::get)).isEmpty();
        assertThat(MergeBase.best(y1, y2, all::get)).map(Commit::id).contains("Y1");
    }
}
