package io.omnigraph.engine.maintenance;

import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.commit.RetentionPolicy;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** optimize / cleanup / repair on real segments in an in-memory store with a controllable clock. */
class MaintenanceTest {
    static final String SCHEMA = """
            node Person {
                name: String @key
                age: I32?
            }
            edge Knows: Person -> Person
            """;
    final AtomicLong micros = new AtomicLong(1_763_000_000_000_000L);
    final InMemoryObjectStore mem = new InMemoryObjectStore();

    Graph init() {
        GraphStoreOptions opts = GraphStoreOptions.defaults().withClock(micros::get);
        return OmniGraph.init(mem, SCHEMA, InitOptions.defaults().withStoreOptions(opts));
    }

    void tick(Duration d) {
        micros.addAndGet(d.toNanos() / 1000);
    }

    static void load(Graph g, String branch, LoadMode mode, String... lines) {
        String nd = String.join("\n", lines) + "\n";
        g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(nd.getBytes(StandardCharsets.UTF_8)), branch, mode));
    }

    static String person(String name, int age) {
        return "{\"type\":\"Person\",\"data\":{\"name\":\"" + name + "\",\"age\":" + age + "}}";
    }

    static String knows(String a, String b) {
        return "{\"edge\":\"Knows\",\"from\":\"" + a + "\",\"to\":\"" + b + "\",\"data\":{}}";
    }

    /** The whole graph at a target as sorted export lines (content, independent of storage order). */
    static List<String> read(Graph g, ReadTarget t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        g.export(Optional.empty(), t, List.of(), out);
        List<String> lines = new ArrayList<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")));
        lines.removeIf(String::isBlank);
        lines.sort(null);
        return lines;
    }

    /** Builds history: three appends, an update, a delete, an edge. Person ends up with 5+ segments. */
    Graph history() {
        Graph g = init();
        load(g, "main", LoadMode.APPEND, person("ada", 36), person("bob", 41));
        tick(Duration.ofSeconds(1));
        load(g, "main", LoadMode.APPEND, person("cy", 22), knows("ada", "bob"));
        tick(Duration.ofSeconds(1));
        load(g, "main", LoadMode.MERGE, person("ada", 37), person("dee", 30));
        tick(Duration.ofSeconds(1));
        g.mutate(Optional.empty(), MutationRequest.of("query q() { delete Person where name = \"cy\" }", "main"));
        tick(Duration.ofSeconds(1));
        return g;
    }

    @Test
    void optimizeCompactsEachTableIntoOneSegmentInOneCommitAndPreservesContent() {
        Graph g = history();
        List<String> before = read(g, ReadTarget.branch("main"));
        String headBefore = g.info(Optional.empty()).mainHeadCommitId();
        long versionBefore = g.info(Optional.empty()).graphManifestVersion();
        Map<String, Integer> segsBefore = segments(g);
        assertThat(segsBefore.values()).anyMatch(n -> n > 1);

        OptimizeResult r = Maintenance.optimize(g, Optional.of("andrew"), IndexHook.NONE);
        assertThat(r.commit()).isPresent();
        CommitInfo c = r.commit().get();
        assertThat(c.operation()).isEqualTo("optimize");
        assertThat(c.actorId()).contains("andrew");
        assertThat(c.graphManifestVersion()).isEqualTo(versionBefore + 1);
        assertThat(read(g, ReadTarget.branch("main"))).as("content preserved").isEqualTo(before);
        assertThat(segments(g).values()).allMatch(n -> n <= 1);
        TableOptimizeStats person = r.datasets().stream().filter(d -> d.typeName().equals("Person")).findFirst().orElseThrow();
        assertThat(person.segmentsBefore()).isEqualTo(segsBefore.get("Person"));
        assertThat(person.segmentsAfter()).isEqualTo(1);
        assertThat(person.liveRows()).isEqualTo(3); // ada, bob, dee
        assertThat(person.committed()).isTrue();
        // time travel to the pre-optimize head still reads its own segments
        assertThat(read(g, ReadTarget.commit(headBefore))).isEqualTo(before);
        // nothing left to compact: zero commits
        OptimizeResult again = Maintenance.optimize(g, Optional.empty(), IndexHook.NONE);
        assertThat(again.commit()).isEmpty();
        assertThat(again.datasets()).allMatch(d -> !d.committed() && d.skipped().equals(Optional.of("nothing_to_compact")));
        assertThat(g.info(Optional.empty()).graphManifestVersion()).isEqualTo(versionBefore + 1);
        // writes after optimize work, strict inserts still see compacted keys
        load(g, "main", LoadMode.APPEND, person("eve", 50));
        assertThatThrownBy(() -> load(g, "main", LoadMode.APPEND, person("ada", 1)))
                .isInstanceOf(EngineException.class);
        assertThat(read(g, ReadTarget.branch("main"))).hasSize(before.size() + 1);
    }

    @Test
    void optimizeHookReportsPendingIndexes() {
        Graph g = history();
        OptimizeResult r = Maintenance.optimize(g, Optional.empty(), (store, snap, draft) -> Map.of(
                snap.tableKeys().iterator().next(), List.of(new TableOptimizeStats.PendingIndex("embedding", "no vectors yet"))));
        assertThat(r.datasets()).anyMatch(d -> !d.pendingIndexes().isEmpty());
    }

    private static Map<String, Integer> segments(Graph g) {
        Map<String, Integer> m = new LinkedHashMap<>();
        g.snapshot(Optional.empty(), "main").datasets().forEach(d -> m.put(d.typeName(), d.segmentCount()));
        return m;
    }

    @Test
    void cleanupReclaimsOnlyWhatNoBranchOrRetainedCommitNeeds() {
        Graph g = history();
        Maintenance.optimize(g, Optional.empty(), IndexHook.NONE);
        tick(Duration.ofSeconds(1));
        g.createBranch(Optional.empty(), "feature", "main");
        load(g, "feature", LoadMode.APPEND, person("fay", 28));
        tick(Duration.ofSeconds(1));
        load(g, "main", LoadMode.MERGE, person("bob", 42));
        tick(Duration.ofSeconds(1));
        g.createBranch(Optional.empty(), "gone", "main");
        load(g, "gone", LoadMode.APPEND, person("gus", 60));
        g.deleteBranch(Optional.empty(), "gone");
        tick(Duration.ofHours(1));

        // what must survive: every branch head, and the newest 2 commits of each first-parent chain
        RetentionPolicy keep2 = new RetentionPolicy(2, Optional.empty());
        Map<String, List<String>> mustRead = new LinkedHashMap<>();
        Map<String, List<String>> mayGo = new LinkedHashMap<>();
        for (String b : g.branches(Optional.empty())) {
            mustRead.put("branch " + b, read(g, ReadTarget.branch(b)));
            List<CommitInfo> chain = g.commits(Optional.empty(), b, 1000);
            for (int i = 0; i < chain.size(); i++) {
                String id = chain.get(i).graphCommitId();
                (i < 2 ? mustRead : mayGo).put("commit " + id, read(g, ReadTarget.commit(id)));
            }
        }
        mayGo.keySet().removeAll(mustRead.keySet());
        int commitsListed = g.commits(Optional.empty(), "main", 1000).size();
        int objectsBefore = mem.list("").size();

        CleanupResult preview = Maintenance.cleanup(g, keep2, Maintenance.DEFAULT_GRACE, false);
        assertThat(preview.applied()).isFalse();
        assertThat(preview.objectsRemoved()).isPositive();
        assertThat(preview.commitsRemoved()).as("the deleted branch's commit").isEqualTo(1);
        assertThat(mem.list("")).as("a preview deletes nothing").hasSize(objectsBefore);

        CleanupResult done = Maintenance.cleanup(g, keep2, Maintenance.DEFAULT_GRACE, true);
        assertThat(done.applied()).isTrue();
        assertThat(done.errors()).isEmpty();
        assertThat(done.objectsRemoved()).isEqualTo(preview.objectsRemoved());
        assertThat(done.segmentsRemoved()).isPositive();
        assertThat(done.bytesRemoved()).isPositive();
        assertThat(mem.list("")).hasSize(objectsBefore - (int) done.objectsRemoved());

        // the safety test: a fresh handle (no caches) reads every branch head and retained commit exactly as before
        try (Graph fresh = OmniGraph.open(mem, io.omnigraph.engine.api.OpenOptions.defaults())) {
            for (Map.Entry<String, List<String>> e : mustRead.entrySet()) {
                assertThat(read(fresh, target(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(fresh.commits(Optional.empty(), "main", 1000)).as("history stays listable").hasSize(commitsListed);
            // older commits either still read exactly as before (their segments are shared) or fail typed — never wrong
            int reclaimed = 0;
            for (Map.Entry<String, List<String>> e : mayGo.entrySet()) {
                try {
                    assertThat(read(fresh, target(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
                } catch (EngineException ex) {
                    assertThat(ex.code()).isEqualTo(EngineErrorCode.HISTORICAL_VERSION_RECLAIMED);
                    reclaimed++;
                }
            }
            assertThat(reclaimed).as("pre-optimize commits lost their data").isPositive();
            RepairResult v = Maintenance.repair(fresh, false);
            assertThat(v.classification()).isEqualTo("no_drift");
            assertThat(v.historicalCommitsReclaimed()).isEqualTo(reclaimed);
        }
        // idempotent
        assertThat(Maintenance.cleanup(g, keep2, Maintenance.DEFAULT_GRACE, true).objectsRemoved()).isZero();
    }

    private static ReadTarget target(String what) {
        String[] w = what.split(" ");
        return w[0].equals("branch") ? ReadTarget.branch(w[1]) : ReadTarget.commit(w[1]);
    }

    @Test
    void graceProtectsYoungGarbageAndKeepAllKeepsEveryCommitsData() {
        Graph g = history();
        g.createBranch(Optional.empty(), "tmp", "main");
        load(g, "tmp", LoadMode.APPEND, person("zed", 1));
        g.deleteBranch(Optional.empty(), "tmp");
        CleanupResult young = Maintenance.cleanup(g, RetentionPolicy.keepAll(), Maintenance.DEFAULT_GRACE, true);
        assertThat(young.objectsRemoved()).isZero();
        assertThat(young.protectedByGrace()).isEqualTo(2); // the dead branch's commit + segment
        tick(Duration.ofMinutes(16));
        CleanupResult old = Maintenance.cleanup(g, RetentionPolicy.keepAll(), Maintenance.DEFAULT_GRACE, true);
        assertThat(old.objectsRemoved()).isEqualTo(2);
        assertThat(old.reclaimedCommits()).isZero();
        for (CommitInfo c : g.commits(Optional.empty(), "main", 100)) {
            read(g, ReadTarget.commit(c.graphCommitId())); // every commit still readable
        }
    }

    @Test
    void olderThanKeepsRecentCommitsData() {
        Graph g = init();
        load(g, "main", LoadMode.APPEND, person("a", 1));
        tick(Duration.ofDays(10));
        load(g, "main", LoadMode.OVERWRITE, person("b", 2));
        String recent = g.info(Optional.empty()).mainHeadCommitId();
        tick(Duration.ofDays(1));
        load(g, "main", LoadMode.OVERWRITE, person("c", 3));
        tick(Duration.ofHours(1));
        // head always kept; commits younger than 7 days keep their data; the 11-day-old one is reclaimed
        CleanupResult r = Maintenance.cleanup(g, new RetentionPolicy(1, Optional.of(Duration.ofDays(7))), Maintenance.DEFAULT_GRACE, true);
        assertThat(r.objectsRemoved()).isPositive();
        assertThat(read(g, ReadTarget.commit(recent))).anyMatch(l -> l.contains("\"b\""));
        List<CommitInfo> chain = g.commits(Optional.empty(), "main", 10);
        String oldest = chain.get(chain.size() - 2).graphCommitId(); // the first load (genesis has no rows)
        assertThatThrownBy(() -> read(g, ReadTarget.commit(oldest))).isInstanceOf(EngineException.Reclaimed.class);
    }

    @Test
    void repairVerifiesAndCleanupRefusesABrokenGraph() {
        Graph g = history();
        RepairResult ok = Maintenance.repair(g, true);
        assertThat(ok.classification()).isEqualTo("no_drift");
        assertThat(ok.action()).isEqualTo("no_op");
        assertThat(ok.branchesChecked()).isEqualTo(1);
        assertThat(ok.segmentsChecked()).isPositive();
        // lose one segment the head needs
        ObjectInfo seg = mem.list("segments/").get(0);
        mem.delete(seg.key());
        RepairResult broken = Maintenance.repair(g, false);
        assertThat(broken.classification()).isEqualTo("broken");
        assertThat(broken.action()).isEqualTo("refused");
        assertThat(broken.problems()).extracting(RepairResult.Problem::key).contains(seg.key());
        tick(Duration.ofHours(1));
        int before = mem.list("").size();
        assertThatThrownBy(() -> Maintenance.cleanup(g, new RetentionPolicy(1, Optional.empty()), Maintenance.DEFAULT_GRACE, true))
                .isInstanceOf(EngineException.Corrupt.class).hasMessageContaining("repair");
        assertThat(mem.list("")).hasSize(before);
        // a segment that does not decode is found too
        mem.put(seg.key(), "not parquet".getBytes(StandardCharsets.UTF_8));
        assertThat(Maintenance.repair(g, false).problems()).anyMatch(p -> p.issue().contains("does not decode"));
    }
}
