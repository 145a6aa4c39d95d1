package io.omnigraph.engine.commit;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.testing.FaultStore;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.omnigraph.engine.testing.TestGraphs.people;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishConcurrencyTest {

    /** Runs one task per writer, all released together; returns each outcome (result or exception). */
    static List<Object> race(int writers, java.util.function.IntFunction<Callable<PublishResult>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PublishResult>> fs = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<PublishResult> t = task.apply(i);
                fs.add(pool.submit(() -> {
                    go.await();
                    return t.call();
                }));
            }
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<PublishResult> f : fs) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void concurrentDisjointWritersFormOneLinearChainAndLoseNothing() throws Exception {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1)).close();
        int n = 8;
        // each writer has its own handle (as separate processes would) and prepares on the same stale head
        List<Object> outcomes = race(n, i -> {
            GraphStore g = GraphStore.open(mem, TestGraphs.deterministic(100 + i));
            BranchHead head = g.readBranch("main"); // all writers prepare on the genesis head
            g.snapshot(head);
            return () -> TestGraphs.insertPeople(g, head, people("w" + i + "a", "A" + i, "1", "w" + i + "b", "B" + i, "2"));
        });
        int attempts = 0;
        for (Object o : outcomes) {
            assertThat(o).isInstanceOf(PublishResult.class);
            attempts += ((PublishResult) o).attempts();
        }
        assertThat(attempts).as("every writer but the first had to rebase").isGreaterThanOrEqualTo(1 + 2 * (n - 1));
        GraphStore g = GraphStore.open(mem, TestGraphs.deterministic(7));
        BranchHead main = g.readBranch("main");
        List<Commit> log = g.log(main.headCommitId(), 100);
        assertThat(log).hasSize(n + 1);
        for (int i = 0; i < log.size() - 1; i++) {
            assertThat(log.get(i).parents()).containsExactly(log.get(i + 1).id());
            assertThat(log.get(i).generation()).isEqualTo(log.get(i + 1).generation() + 1);
        }
        Set<String> landed = new HashSet<>();
        for (Object o : outcomes) {
            landed.add(((PublishResult) o).commit().id());
        }
        assertThat(log.subList(0, n)).extracting(Commit::id).containsExactlyInAnyOrderElementsOf(landed);
        TableData people = g.snapshot(ReadTarget.branch("main")).table("person");
        assertThat(people.rowCount()).isEqualTo(2 * n);
        assertThat(g.commit(main.headCommitId()).tables().get("person").liveRows()).isEqualTo(2 * n);
        for (int i = 0; i < n; i++) {
            assertThat(people.rowOf("w" + i + "a")).isNotNegative();
            assertThat(people.rowOf("w" + i + "b")).isNotNegative();
        }
    }

    @Test
    void concurrentStrictInsertsOfTheSameIdHaveExactlyOneWinner() throws Exception {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1)).close();
        int n = 6;
        List<Object> outcomes = race(n, i -> {
            GraphStore g = GraphStore.open(mem, TestGraphs.deterministic(200 + i));
            BranchHead head = g.readBranch("main");
            return () -> TestGraphs.insertPeople(g, head, people("same", "writer" + i, Integer.toString(i), "own" + i, "x", "1"));
        });
        List<PublishResult> wins = outcomes.stream().filter(o -> o instanceof PublishResult).map(o -> (PublishResult) o).toList();
        List<EngineException.KeyConflict> conflicts = outcomes.stream().filter(o -> o instanceof EngineException.KeyConflict)
                .map(o -> (EngineException.KeyConflict) o).toList();
        assertThat(wins).hasSize(1);
        assertThat(conflicts).hasSize(n - 1);
        assertThat(conflicts).allSatisfy(c -> {
            assertThat(c.code()).isEqualTo(EngineErrorCode.KEY_CONFLICT);
            assertThat(c.tableKey()).isEqualTo("person");
            assertThat(c.entityId()).isEqualTo("same");
        });
        GraphStore g = GraphStore.open(mem, TestGraphs.deterministic(7));
        TableData people = g.snapshot(ReadTarget.branch("main")).table("person");
        assertThat(people.rowCount()).isEqualTo(2);
        String winnerName = (String) people.row(people.rowOf("same")).get("name");
        int winner = Integer.parseInt(winnerName.substring("writer".length()));
        assertThat(wins.get(0).commit().message()).isEqualTo("insert 2");
        assertThat(people.rowOf("own" + winner)).isNotNegative();
    }

    @Test
    void upsertsOfTheSameIdRebaseAndReclassifyLiveRows() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore g = GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        BranchHead base = g.readBranch("main");
        // writer A upserts k1 (new) and lands
        PendingSegment a = g.encodeData(people("k1", "from A", "1"));
        g.publish(PublishRequest.of(base, CommitDraft.builder("load").append(a, 1)
                .footprint(KeyFootprint.of("person", TableFootprint.upserts(IdSet.of("k1"), IdSet.empty()))).build()));
        // writer B prepared on the same base also upserts k1 as new: after rebase k1 exists → delta 0, B wins by order
        PendingSegment b = g.encodeData(people("k1", "from B", "2", "k2", "B2", "3"));
        PublishResult rb = g.publish(PublishRequest.of(base, CommitDraft.builder("load").append(b, 2)
                .footprint(KeyFootprint.of("person", TableFootprint.upserts(IdSet.of("k1", "k2"), IdSet.empty()))).build()));
        assertThat(rb.attempts()).isEqualTo(2);
        assertThat(rb.commit().tables().get("person").liveRows()).isEqualTo(2);
        TableData t = g.snapshot(ReadTarget.branch("main")).table("person");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.row(t.rowOf("k1"))).containsEntry("name", "from B");
    }

    @Test
    void readDependentWritesConflictOnlyWhenTheirKeysOrTablesChanged() {
        GraphStore g = GraphStore.init(new InMemoryObjectStore(), TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        PublishResult seed = TestGraphs.insertPeople(g, g.readBranch("main"), people("p1", "Ann", "1", "p2", "Bob", "2"));
        BranchHead base = seed.head();
        TestGraphs.insertPeople(g, base, people("p3", "Cy", "3")); // concurrent insert of another id
        // an update of p1 prepared on the old base: p1 untouched concurrently → rebased and published
        PendingSegment u1 = g.encodeData(people("p1", "Ann2", "1"));
        PublishResult ok = g.publish(PublishRequest.of(base, CommitDraft.builder("mutation").append(u1, 0)
                .footprint(KeyFootprint.of("person", TableFootprint.updates(IdSet.of("p1")))).build()));
        assertThat(ok.attempts()).isEqualTo(2);
        // an update of p1 prepared on the old base again: p1 changed concurrently → read_set_conflict
        PendingSegment u2 = g.encodeData(people("p1", "Ann3", "1"));
        assertThatThrownBy(() -> g.publish(PublishRequest.of(base, CommitDraft.builder("mutation").append(u2, 0)
                .footprint(KeyFootprint.of("person", TableFootprint.updates(IdSet.of("p1")))).build())))
                .isInstanceOfSatisfying(EngineException.ReadSetConflict.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineErrorCode.READ_SET_CONFLICT);
                    assertThat(e.member()).isEqualTo("row:person/p1");
                });
        // a predicate write over the whole table conflicts with any concurrent change to it
        PendingSegment u3 = g.encodeData(people("p2", "Bob2", "2"));
        assertThatThrownBy(() -> g.publish(PublishRequest.of(base, CommitDraft.builder("mutation").append(u3, 0)
                .footprint(KeyFootprint.of("person", TableFootprint.updates(IdSet.of("p2")).withWholeTableRead(true))).build())))
                .isInstanceOf(EngineException.ReadSetConflict.class);
        // a write without key information conflicts on table overlap and passes on disjoint tables
        PendingSegment company = g.encodeData(new io.omnigraph.engine.table.TableDataBuilder(TestGraphs.company())
                .appendRow("c1", "Acme").build());
        PublishResult disjoint = g.publish(PublishRequest.of(base, CommitDraft.builder("load").append(company, 1).build()));
        assertThat(disjoint.commit().tables().get("company").liveRows()).isEqualTo(1);
        assertThat(g.snapshot(ReadTarget.branch("main")).table("person").row(0)).isNotNull();
        // a keyed footprint that does not cover a changed table falls back to table level for that table
        BranchHead base2 = g.readBranch("main");
        PendingSegment otherCompany = g.encodeData(new io.omnigraph.engine.table.TableDataBuilder(TestGraphs.company())
                .appendRow("c2", "Globex").build());
        g.publish(PublishRequest.of(base2, CommitDraft.builder("load").append(otherCompany, 1).build()));
        PendingSegment p7 = g.encodeData(people("p7", "Sev", "7"));
        PendingSegment c3 = g.encodeData(new io.omnigraph.engine.table.TableDataBuilder(TestGraphs.company())
                .appendRow("c3", "Initech").build());
        assertThatThrownBy(() -> g.publish(PublishRequest.of(base2, CommitDraft.builder("load").append(p7, 1).append(c3, 1)
                .footprint(KeyFootprint.of("person", TableFootprint.strictInserts(IdSet.of("p7")))).build())))
                .isInstanceOf(EngineException.ReadSetConflict.class).hasMessageContaining("company");
        // never() refuses any movement
        PendingSegment u4 = g.encodeData(people("p9", "Zed", "9"));
        assertThatThrownBy(() -> g.publish(PublishRequest.of(base, CommitDraft.builder("load").append(u4, 1).build())
                .withRebaser(Rebasers.never()))).isInstanceOf(EngineException.ReadSetConflict.class);
    }

    @Test
    void aWriteThatLandedButReported412IsRecognisedAsOurs() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        FaultStore faults = new FaultStore(mem);
        GraphStore g = GraphStore.init(faults, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        BranchHead main = g.readBranch("main");
        faults.arm(FaultStore.Mode.LANDED_THEN_412, k -> k.equals(Layout.ref("main")));
        PublishResult r = TestGraphs.insertPeople(g, main, people("p1", "Ann", "1"));
        assertThat(faults.fired()).isEqualTo(1);
        assertThat(r.confirmedAfterAmbiguity()).isTrue();
        assertThat(r.attempts()).isEqualTo(1);
        List<Commit> log = g.log(g.readBranch("main").headCommitId(), 10);
        assertThat(log).hasSize(2); // exactly one commit: not applied twice
        assertThat(g.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(1);
    }

    @Test
    void aWriteThatLandedAndWasThenBuriedByAnotherWriterIsNotAppliedTwice() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore other = GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        // a store that lands our CAS, lets another writer publish on top, then reports 412 to us
        io.omnigraph.storage.ObjectStore sneaky = new ForwardingStore(mem) {
            boolean done;

            @Override
            public String putIfMatch(String key, byte[] bytes, String expected) {
                String v = mem.putIfMatch(key, bytes, expected);
                if (!done && key.equals(Layout.ref("main"))) {
                    done = true;
                    TestGraphs.insertPeople(other, other.readBranch("main"), people("later", "L", "1"));
                    throw new io.omnigraph.storage.StoreException.PreconditionFailed(key, "injected");
                }
                return v;
            }
        };
        GraphStore g = GraphStore.open(sneaky, TestGraphs.deterministic(2));
        PublishResult r = TestGraphs.insertPeople(g, g.readBranch("main"), people("p1", "Ann", "1"));
        assertThat(r.confirmedAfterAmbiguity()).isTrue();
        List<Commit> log = g.log(g.readBranch("main").headCommitId(), 10);
        assertThat(log).hasSize(3);
        assertThat(log.get(1).id()).isEqualTo(r.commit().id());
        assertThat(g.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(2);
    }

    @Test
    void aCrashBeforeTheCasLeavesReadersUnaffectedAndARetrySucceeds() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        FaultStore faults = new FaultStore(mem);
        GraphStore g = GraphStore.init(faults, TestGraphs.schema(), Optional.empty(),
                TestGraphs.deterministic(1).withMaxPublishAttempts(1));
        BranchHead main = g.readBranch("main");
        int objectsBefore = mem.list("").size();
        faults.arm(FaultStore.Mode.CRASH_BEFORE, k -> k.equals(Layout.ref("main")));
        assertThatThrownBy(() -> TestGraphs.insertPeople(g, main, people("p1", "Ann", "1")))
                .isInstanceOfSatisfying(EngineException.Storage.class, e -> assertThat(e.transientFailure()).isTrue());
        // segment and commit object were uploaded but are invisible garbage
        assertThat(mem.list("").size()).isEqualTo(objectsBefore + 2);
        GraphStore reader = GraphStore.open(mem, TestGraphs.deterministic(3));
        assertThat(reader.readBranch("main").headCommitId()).isEqualTo(main.headCommitId());
        assertThat(reader.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isZero();
        // the retry (re-run of the operation) succeeds
        PublishResult r = TestGraphs.insertPeople(g, g.readBranch("main"), people("p1", "Ann", "1"));
        assertThat(reader.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(1);
        assertThat(r.commit().parents()).containsExactly(main.headCommitId());
        // with retries enabled, a transient CAS failure that did not land is retried transparently
        GraphStore g2 = GraphStore.open(faults, TestGraphs.deterministic(4));
        faults.arm(FaultStore.Mode.CRASH_BEFORE, k -> k.equals(Layout.ref("main")));
        PublishResult r2 = TestGraphs.insertPeople(g2, g2.readBranch("main"), people("p2", "Bob", "1"));
        assertThat(r2.attempts()).isEqualTo(2);
        assertThat(reader.snapshot(ReadTarget.branch("main")).table("person").rowCount()).isEqualTo(2);
    }

    @Test
    void contentionIsBoundedAndTyped() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStore other = GraphStore.init(mem, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(1));
        io.omnigraph.storage.ObjectStore alwaysMoved = new ForwardingStore(mem) {
            @Override
            public String putIfMatch(String key, byte[] bytes, String expected) {
                TestGraphs.insertPeople(other, other.readBranch("main"), people("x" + System.nanoTime(), "X", "1"));
                return mem.putIfMatch(key, bytes, expected);
            }
        };
        GraphStore g = GraphStore.open(alwaysMoved, TestGraphs.deterministic(2).withMaxPublishAttempts(3));
        assertThatThrownBy(() -> TestGraphs.insertPeople(g, g.readBranch("main"), people("p1", "Ann", "1")))
                .isInstanceOfSatisfying(EngineException.Contention.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.code()).isEqualTo(EngineErrorCode.PUBLISH_CONTENTION);
                });
    }

    /** Delegates everything; tests override single methods. */
    static class ForwardingStore extends io.omnigraph.storage.wrap.ForwardingObjectStore {
        final io.omnigraph.storage.ObjectStore d;

        ForwardingStore(io.omnigraph.storage.ObjectStore d) {
            super(d);
            this.d = d;
        }
    }
}
