package io.omnigraph.engine.merge;

import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.testing.CountingStore;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merge cost follows the size of the change since the merge base, not the size of the tables: the same 10-row change
 * on a 1,000-row and a 100,000-row table examines the same candidate ids, writes the same rows and issues the same
 * store requests (counted on a cold handle, i.e. nothing cached).
 */
class MergeCostTest {
    record Cost(long candidates, long written, long upserts, int gets, int puts, int cas, int total, long bytesRead, long millis) {
    }

    private static Object[] people(int from, int count, int age) {
        Object[] rows = new Object[2 * count];
        for (int i = 0; i < count; i++) {
            rows[2 * i] = String.format("p%07d", from + i);
            rows[2 * i + 1] = age;
        }
        return rows;
    }

    /** Builds the graph, then merges feature into main on a cold counting handle. */
    private static Cost measure(int tableRows, boolean threeWay) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (MiniGraph m = new MiniGraph(mem, 21)) {
            m.upsertPeople("main", people(0, tableRows, 1));
            m.addEdge("main", "e0", "p0000000", "p0000001");
            m.branch("feature", "main");
            List<Object> change = new ArrayList<>(List.of(people(0, 5, 2)));          // 5 updates
            change.addAll(List.of(people(tableRows, 5, 2)));                           // 5 inserts
            m.upsertPeople("feature", change.toArray());
            if (threeWay) {
                m.upsertPeople("main", people(100, 10, 3));                          // 10 other updates on main
            }
        }
        CountingStore counting = new CountingStore(mem, Duration.ZERO);
        try (GraphStore g = GraphStore.open(counting, TestGraphs.deterministic(22))) {
            counting.reset();
            long t0 = System.nanoTime();
            MergeResult r = new MiniGraph(g).merge("feature", "main");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.outcome()).isEqualTo(threeWay ? MergeOutcome.MERGED : MergeOutcome.FAST_FORWARD);
            long bytes = 0;
            for (String line : counting.log()) {
                if (line.startsWith("get ")) {
                    bytes += mem.get(line.substring(4)).map(o -> (long) o.bytes().length).orElse(0L);
                }
            }
            return new Cost(r.stats().candidateRows(), r.stats().rowsWritten(), r.stats().rowsUpserted(),
                    counting.count("get"), counting.count("put"), counting.count("putIfMatch"), counting.total(), bytes, ms);
        }
    }

    @Test
    void threeWayMergeCostIsFlatInTableSize() {
        Cost small = measure(1_000, true);
        Cost large = measure(100_000, true);
        System.out.println("three-way merge, 10-row change: 1k rows " + small + " / 100k rows " + large);
        assertThat(small.candidates()).isEqualTo(10);
        assertThat(large.candidates()).isEqualTo(10);
        assertThat(small.written()).isEqualTo(10);
        assertThat(large.written()).isEqualTo(10);
        assertThat(large.gets()).isEqualTo(small.gets());
        assertThat(large.puts()).isEqualTo(small.puts()).isEqualTo(2); // one data segment + the commit
        assertThat(large.cas()).isEqualTo(1);
        assertThat(large.total()).isEqualTo(small.total());
    }

    @Test
    void fastForwardAdoptsSegmentsAndWritesNoRows() {
        Cost small = measure(1_000, false);
        Cost large = measure(100_000, false);
        System.out.println("fast-forward merge, 10-row change: 1k rows " + small + " / 100k rows " + large);
        assertThat(large.candidates()).isEqualTo(10);
        assertThat(large.written()).isZero();
        assertThat(large.upserts()).isEqualTo(10);
        assertThat(large.puts()).isEqualTo(1); // the commit only
        assertThat(large.total()).isEqualTo(small.total());
    }

    @Test
    void tablesTheSourceDidNotChangeAreNotRead() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (MiniGraph m = new MiniGraph(mem, 23)) {
            m.upsertPeople("main", people(0, 50_000, 1));
            m.branch("feature", "main");
            m.addEdge("feature", "e1", "p0000000", "p0000001");
            m.upsertPeople("main", people(0, 3, 9));
        }
        CountingStore counting = new CountingStore(mem, Duration.ZERO);
        try (GraphStore g = GraphStore.open(counting, TestGraphs.deterministic(24))) {
            counting.reset();
            // the row-level merge itself never reads the untouched 50,000-row person table ...
            MergeResult r = new Merger(g, MergeValidator.none()).merge(MergeRequest.of("feature", "main", Optional.empty()));
            assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(counting.log()).filteredOn(l -> l.startsWith("get segments/person/")).isEmpty();
            assertThat(r.stats().candidateRows()).isEqualTo(1);
            assertThat(r.stats().tablesAdopted()).isEqualTo(1);
            assertThat(Optional.of(r.stats().rowsWritten())).contains(0L);
        }
        // ... while referential integrity of the written edge has to probe its endpoints in the node table
        InMemoryObjectStore mem2 = new InMemoryObjectStore();
        try (MiniGraph m = new MiniGraph(mem2, 23)) {
            m.upsertPeople("main", people(0, 50_000, 1));
            m.branch("feature", "main");
            m.addEdge("feature", "e1", "p0000000", "p0000001");
            m.upsertPeople("main", people(0, 3, 9));
        }
        CountingStore counting2 = new CountingStore(mem2, Duration.ZERO);
        try (GraphStore g = GraphStore.open(counting2, TestGraphs.deterministic(24))) {
            counting2.reset();
            assertThat(new MiniGraph(g).merge("feature", "main").outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(counting2.log()).filteredOn(l -> l.startsWith("get segments/person/")).hasSize(2);
        }
    }
}
