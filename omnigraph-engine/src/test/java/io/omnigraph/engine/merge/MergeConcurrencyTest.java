package io.omnigraph.engine.merge;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.wrap.ForwardingObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A merge whose target moves while it is prepared is recomputed on the new head (never applied on a stale plan). */
class MergeConcurrencyTest {

    /** Runs {@code interference} just before the first {@code times} commit-object uploads of the wrapped handle. */
    static final class Interfering extends ForwardingObjectStore {
        final AtomicInteger remaining;
        final Runnable interference;

        Interfering(ObjectStore delegate, int times, Runnable interference) {
            super(delegate);
            this.remaining = new AtomicInteger(times);
            this.interference = interference;
        }

        @Override
        public String put(String key, byte[] bytes) {
            if (key.startsWith("commits/") && remaining.getAndDecrement() > 0) {
                interference.run();
            }
            return delegate.put(key, bytes);
        }
    }

    @Test
    void aTargetThatMovesDuringTheMergeIsMergedAgain() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (MiniGraph writer = new MiniGraph(mem, 51)) {
            writer.upsertPeople("main", "Alice", 30, "Bob", 25);
            writer.branch("feature", "main");
            writer.upsertPeople("feature", "Eve", 22);
            AtomicInteger n = new AtomicInteger();
            Interfering store = new Interfering(mem, 2, () -> writer.upsertPeople("main", "W" + n.incrementAndGet(), 1));
            try (MiniGraph merger = MiniGraph.open(store, TestGraphs.deterministic(52))) {
                MergeResult r = merger.merge("feature", "main");
                assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
                assertThat(r.stats().attempts()).isEqualTo(3);
                String firstParent = r.commit().orElseThrow().parents().get(0);
                assertThat(writer.people(io.omnigraph.engine.snapshot.ReadTarget.commit(firstParent)))
                        .as("the merge landed on the head that already had both concurrent writes").containsKeys("W1", "W2");
            }
            assertThat(writer.people("main")).containsKeys("Alice", "Bob", "Eve", "W1", "W2");
        }
    }

    @Test
    void aConcurrentConflictingWriteTurnsIntoAConflictNotALostUpdate() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (MiniGraph writer = new MiniGraph(mem, 53)) {
            writer.upsertPeople("main", "Alice", 30);
            writer.branch("feature", "main");
            writer.upsertPeople("feature", "Alice", 31);
            Interfering store = new Interfering(mem, 1, () -> writer.upsertPeople("main", "Alice", 99));
            try (MiniGraph merger = MiniGraph.open(store, TestGraphs.deterministic(54))) {
                assertThatThrownBy(() -> merger.merge("feature", "main"))
                        .isInstanceOfSatisfying(EngineException.MergeConflicts.class,
                                e -> assertThat(e.conflicts().get(0).kind()).isEqualTo(MergeConflictKind.DIVERGENT_UPDATE));
            }
            assertThat(writer.people("main")).containsEntry("Alice", 99);
        }
    }

    @Test
    void aTargetThatNeverStopsMovingGivesUpWithContention() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (MiniGraph writer = new MiniGraph(mem, 55)) {
            writer.upsertPeople("main", "Alice", 30);
            writer.branch("feature", "main");
            writer.upsertPeople("feature", "Eve", 1);
            AtomicInteger n = new AtomicInteger();
            Interfering store = new Interfering(mem, 100, () -> writer.upsertPeople("main", "X" + n.incrementAndGet(), 1));
            try (MiniGraph merger = MiniGraph.open(store, TestGraphs.deterministic(56))) {
                assertThatThrownBy(() -> merger.merge("feature", "main")).isInstanceOf(EngineException.Contention.class);
            }
            assertThat(writer.people("main")).doesNotContainKey("Eve");
        }
    }
}
