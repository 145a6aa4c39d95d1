package io.omnigraph.engine.api;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore;
import io.omnigraph.storage.wrap.SimulatedCrash;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.omnigraph.engine.api.TestGraph.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers from several handles, and crash-at-every-store-call recovery of load and mutation. */
class ConcurrencyAndCrashTest {

    static InMemoryObjectStore seeded() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (Graph g = OmniGraph.init(mem, Fixtures.text("engine/test.pg"), InitOptions.defaults())) {
            g.load(NOBODY, LoadRequest.of(TestGraph.in(Fixtures.text("engine/test.jsonl")), "main", LoadMode.APPEND));
        }
        return mem;
    }

    @Test
    void concurrentMutationsAndLoadsFromSeveralHandlesFormOneChainWithoutLostWrites() throws Exception {
        InMemoryObjectStore mem = seeded();
        int writers = 8;
        List<Graph> handles = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            handles.add(OmniGraph.open(mem, OpenOptions.defaults()));
        }
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService ex = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Graph g = handles.get(i);
                int n = i;
                fs.add(ex.submit(() -> {
                    start.await();
                    if (n % 2 == 0) {
                        g.mutate(NOBODY, MutationRequest.of("query q() { insert Person { name: \"W" + n + "\", age: " + n + " } }", "main"));
                    } else {
                        g.load(NOBODY, LoadRequest.of(TestGraph.in("{\"type\":\"Person\",\"data\":{\"name\":\"W" + n + "\"}}\n"
                                + "{\"edge\":\"Knows\",\"from\":\"W" + n + "\",\"to\":\"Alice\"}\n"), "main", LoadMode.MERGE));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        }
        try (Graph g = OmniGraph.open(mem, OpenOptions.defaults())) {
            List<CommitInfo> log = g.commits(NOBODY, "main", 100);
            assertThat(log).hasSize(2 + writers);
            for (int i = 0; i < log.size(); i++) {
                assertThat(log.get(i).graphManifestVersion()).isEqualTo(log.size() - i);
                if (i + 1 < log.size()) {
                    assertThat(log.get(i).parentCommitId()).contains(log.get(i + 1).graphCommitId());
                }
            }
            ReadView v = g.read(NOBODY, ReadTarget.branch("main"));
            assertThat(v.table(v.schema().nodeType("Person").orElseThrow()).rowCount()).isEqualTo(4 + writers);
            assertThat(v.table(v.schema().edgeType("Knows").orElseThrow()).rowCount()).isEqualTo(3 + writers / 2);
            assertThat(g.snapshot(NOBODY, "main").datasets()).filteredOn(d -> d.typeName().equals("Person"))
                    .extracting(DatasetInfo::entityCount).containsExactly(4L + writers);
        }
        handles.forEach(Graph::close);
    }

    @Test
    void concurrentStrictAppendsOfOneIdHaveExactlyOneWinner() throws Exception {
        InMemoryObjectStore mem = seeded();
        int writers = 8;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> winners = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService ex = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                int n = i;
                ex.submit(() -> {
                    try (Graph g = OmniGraph.open(mem, OpenOptions.defaults())) {
                        start.await();
                        g.load(NOBODY, LoadRequest.of(TestGraph.in("{\"type\":\"Person\",\"data\":{\"name\":\"Eve\",\"age\":" + n
                                + "}}\n{\"type\":\"Company\",\"data\":{\"name\":\"Co" + n + "\"}}\n"), "main", LoadMode.APPEND));
                        winners.add(n);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(winners).hasSize(1);
        assertThat(failures).hasSize(writers - 1).allSatisfy(t -> assertThat(t).isInstanceOf(EngineException.KeyConflict.class));
        try (TestGraph.Handle h = new TestGraph.Handle(OmniGraph.open(mem, OpenOptions.defaults()))) {
            ReadView v = h.graph().read(NOBODY, ReadTarget.branch("main"));
            var person = v.table(v.schema().nodeType("Person").orElseThrow());
            assertThat(person.column("age").get(person.rowOf("Eve"))).isEqualTo(winners.peek());
            assertThat(v.table(v.schema().nodeType("Company").orElseThrow()).rowCount()).isEqualTo(3);
        }
    }

    interface Write {
        void run(Graph g);
    }

    /** Crashes the write at store call 1, 2, 3, …: the graph stays readable at its last commit and a re-run succeeds. */
    void crashAtEveryCall(Write write, int expectedCommitsAfter) {
        for (int crashAt = 0; ; crashAt++) {
            InMemoryObjectStore mem = seeded();
            FaultInjectingObjectStore faulty = new FaultInjectingObjectStore(mem);
            String before;
            try (Graph g = OmniGraph.open(mem, OpenOptions.defaults())) {
                before = g.commits(NOBODY, "main", 1).get(0).graphCommitId();
            }
            boolean crashed;
            try (Graph g = OmniGraph.open(faulty, OpenOptions.defaults().withStoreOptions(TestGraphs.deterministic(crashAt)))) {
                faulty.crashAfter(crashAt);
                try {
                    write.run(g);
                    crashed = false;
                } catch (SimulatedCrash | EngineException e) {
                    crashed = true;
                }
            }
            faulty.reset();
            try (Graph g = OmniGraph.open(mem, OpenOptions.defaults())) {
                List<CommitInfo> log = g.commits(NOBODY, "main", 100);
                if (!crashed) {
                    assertThat(log).hasSize(expectedCommitsAfter);
                    return; // the write completed: every earlier call has been crashed once
                }
                // crashed: either nothing happened, or the CAS landed before the crash
                assertThat(log.size()).isIn(expectedCommitsAfter - 1, expectedCommitsAfter);
                if (log.size() == expectedCommitsAfter - 1) {
                    assertThat(log.get(0).graphCommitId()).isEqualTo(before);
                    g.snapshot(NOBODY, "main");
                    write.run(g);
                    assertThat(g.commits(NOBODY, "main", 100)).hasSize(expectedCommitsAfter);
                }
                ReadView v = g.read(NOBODY, ReadTarget.branch("main"));
                v.schema().types().forEach(v::table); // every table of the head is readable
            }
            assertThat(crashAt).as("crash points").isLessThan(50);
        }
    }

    @Test
    void crashDuringALoadLeavesTheLastCommitAndARerunSucceeds() {
        crashAtEveryCall(g -> g.load(NOBODY, LoadRequest.of(TestGraph.in("{\"type\":\"Person\",\"data\":{\"name\":\"Eve\"}}\n"
                + "{\"edge\":\"Knows\",\"from\":\"Eve\",\"to\":\"Bob\"}\n"), "main", LoadMode.MERGE)), 3);
    }

    @Test
    void crashDuringAMutationLeavesTheLastCommitAndARerunSucceeds() {
        crashAtEveryCall(g -> g.mutate(NOBODY, MutationRequest.of(
                "query q() { insert Person { name: \"Eve\" } insert Knows { from: \"Eve\", to: \"Bob\" } }", "main")), 3);
    }
}
