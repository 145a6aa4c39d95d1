package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.testing.FaultStore;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.omnigraph.engine.testing.TestGraphs.people;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangesAndCleanupTest {

    @Test
    void changesBetweenNetsOutIdsFromAppendedSegmentsOnly() {
        GraphStore g = GraphStore.init(new InMemoryObjectStore(), TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        BranchHead h0 = g.readBranch("main");
        PublishResult r1 = TestGraphs.insertPeople(g, h0, people("a", "A", "1", "b", "B", "2"));
        PendingSegment del = g.encodeDelete(TestGraphs.person(), List.of("a"));
        PublishResult r2 = g.publish(PublishRequest.of(r1.head(), CommitDraft.builder("mutation").append(del, -1).build()));
        PublishResult r3 = TestGraphs.insertPeople(g, r2.head(), people("c", "C", "3"));
        ChangeSet all = g.changesBetween(h0.headCommitId(), r3.commit().id());
        assertThat(all.commits()).extracting(Commit::id).containsExactly(r1.commit().id(), r2.commit().id(), r3.commit().id());
        assertThat(all.touchedTables()).containsExactly("person");
        assertThat(all.replaced("person")).isFalse();
        assertThat(all.schemaChanged()).isFalse();
        assertThat(all.changes("person")).isEqualTo(Map.of("a", ChangeSet.Op.DELETE, "b", ChangeSet.Op.UPSERT, "c", ChangeSet.Op.UPSERT));
        ChangeSet last = g.changesBetween(r2.commit().id(), r3.commit().id());
        assertThat(last.changes("person")).containsOnlyKeys("c");
        assertThat(g.changesBetween(r3.commit().id(), r3.commit().id()).isEmpty()).isTrue();
        // an overwrite is reported as a replacement, without per-id detail
        PendingSegment all2 = g.encodeData(people("z", "Z", "9"));
        PublishResult r4 = g.publish(PublishRequest.of(r3.head(), CommitDraft.builder("load").replace("person", List.of(all2), 1).build()));
        assertThat(g.changesBetween(r3.commit().id(), r4.commit().id()).replaced("person")).isTrue();
        assertThat(g.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(1);
        assertThatThrownBy(() -> g.changesBetween(r4.commit().id(), r1.commit().id())).isInstanceOf(EngineException.Invalid.class);
    }

    @Test
    void orphanCandidatesAreUnreachableAndOlderThanTheGracePeriod() {
        AtomicLong micros = new AtomicLong(1_763_000_000_000_000L);
        InMemoryObjectStore mem = new InMemoryObjectStore();
        FaultStore faults = new FaultStore(mem);
        GraphStoreOptions opts = TestGraphs.deterministic(1).withClock(micros::get).withMaxPublishAttempts(1);
        GraphStore g = GraphStore.init(faults, TestGraphs.schema(), Optional.empty(), opts);
        PublishResult r1 = TestGraphs.insertPeople(g, g.readBranch("main"), people("a", "A", "1"));
        micros.addAndGet(1_000_000);
        // a failed publish leaves a segment and a commit object that no ref reaches
        faults.arm(FaultStore.Mode.CRASH_BEFORE, k -> k.equals(Layout.ref("main")));
        assertThatThrownBy(() -> TestGraphs.insertPeople(g, r1.head(), people("b", "B", "2"))).isInstanceOf(EngineException.Storage.class);
        micros.addAndGet(1_000_000);
        PublishResult r2 = TestGraphs.insertPeople(g, g.readBranch("main"), people("c", "C", "3"));
        // a deleted branch's own commit becomes unreachable too
        BranchHead side = g.createBranch("side", ReadTarget.branch("main"));
        PublishResult s1 = TestGraphs.insertPeople(g, side, people("s", "S", "1"));
        g.deleteBranch("side");

        assertThat(g.orphanCandidates(RetentionPolicy.keepAll(), Duration.ofHours(1))).as("grace protects new garbage").isEmpty();
        micros.addAndGet(Duration.ofHours(2).toNanos() / 1000);
        List<String> orphans = g.orphanCandidates(RetentionPolicy.keepAll(), Duration.ofHours(1)).stream().map(ObjectInfo::key).toList();
        assertThat(orphans).hasSize(4) // failed publish: segment + commit; deleted branch: segment + commit
                .contains(Layout.commit(s1.commit().id()))
                .doesNotContain(Layout.commit(r1.commit().id()), Layout.commit(r2.commit().id()));
        Reachability keepAll = g.reachableObjects(RetentionPolicy.keepAll());
        assertThat(keepAll.reachableCommits()).contains(r1.commit().id(), r2.commit().id()).doesNotContain(s1.commit().id());

        for (String k : orphans) {
            mem.delete(k);
        }
        assertThat(g.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(2);

        // after an overwrite, the old segments are referenced only by old commits: keeping just the head's data
        // makes them reclaimable; the commit objects stay (history stays listable), time travel fails typed
        PendingSegment z = g.encodeData(people("z", "Z", "9"));
        PublishResult r3 = g.publish(PublishRequest.of(g.readBranch("main"),
                CommitDraft.builder("load").replace("person", List.of(z), 1).build()));
        micros.addAndGet(Duration.ofHours(2).toNanos() / 1000);
        List<String> aggressive = g.orphanCandidates(new RetentionPolicy(1, Optional.empty()), Duration.ofHours(1))
                .stream().map(ObjectInfo::key).toList();
        assertThat(aggressive).hasSize(2).allMatch(k -> k.startsWith("segments/person/"));
        assertThat(g.orphanCandidates(new RetentionPolicy(1, Optional.of(Duration.ofDays(1))), Duration.ofHours(1)))
                .as("keep-newer-than retains them").isEmpty();
        aggressive.forEach(mem::delete);
        GraphStore cold = GraphStore.open(mem, TestGraphs.deterministic(3));
        assertThat(cold.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(1);
        assertThat(cold.log(r3.commit().id(), 10)).hasSize(4);
        assertThatThrownBy(() -> cold.snapshot(ReadTarget.commit(r1.commit().id())).table("person"))
                .isInstanceOfSatisfying(EngineException.Reclaimed.class,
                        e -> assertThat(e.code().code()).isEqualTo("historical_version_reclaimed"));
    }
}
