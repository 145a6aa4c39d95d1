package io.omnigraph.engine.merge;

import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.diff.ChangeHistory;
import io.omnigraph.engine.diff.FeedPage;
import io.omnigraph.engine.diff.FeedRequest;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Wall-clock figures for large merges and diffs (run with -Dgroups=bench; printed, not asserted). */
@Tag("bench")
class MergeBench {
    private static Object[] people(int from, int count, int age) {
        Object[] rows = new Object[2 * count];
        for (int i = 0; i < count; i++) {
            rows[2 * i] = String.format("p%07d", from + i);
            rows[2 * i + 1] = age;
        }
        return rows;
    }

    @Test
    void largeChangeOnLargeTable() {
        int table = 1_000_000;
        int change = 100_000;
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (MiniGraph m = new MiniGraph(mem, 61)) {
            m.upsertPeople("main", people(0, table, 1));
            m.branch("feature", "main");
            m.upsertPeople("feature", people(0, change, 2));              // 100k updates
            m.upsertPeople("feature", people(table, change, 2));          // 100k inserts
            m.upsertPeople("main", people(500_000, change, 3));           // 100k other updates on main
        }
        try (GraphStore g = GraphStore.open(mem, TestGraphs.deterministic(62))) {
            long t0 = System.nanoTime();
            MergeResult r = new MiniGraph(g).merge("feature", "main");
            long mergeMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.stats().candidateRows()).isEqualTo(2L * change);
            long t1 = System.nanoTime();
            int changes = new ChangeHistory(g).commitChanges(r.commit().orElseThrow().id()).size();
            long diffMs = (System.nanoTime() - t1) / 1_000_000;
            ChangeHistory h = new ChangeHistory(g);
            long t2 = System.nanoTime();
            FeedPage p = h.poll(FeedRequest.start("main", "after:" + r.commit().get().parents().get(0)));
            int pages = 1;
            while (!p.terminal()) {
                p = h.poll(FeedRequest.start("main", "now").continuing(p.nextPageToken().orElseThrow()));
                pages++;
            }
            long feedMs = (System.nanoTime() - t2) / 1_000_000;
            System.out.printf("bench: 1M-row table, 200k-row change vs 100k-row target change: cold merge %d ms (%s); "
                    + "commit changes of the merge (%d changes) %d ms; feed over it in %d pages %d ms%n",
                    mergeMs, r.stats(), changes, diffMs, pages, feedMs);
        }
    }
}
