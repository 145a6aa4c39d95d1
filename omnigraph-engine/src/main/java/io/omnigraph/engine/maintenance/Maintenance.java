package io.omnigraph.engine.maintenance;

import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.PendingSegment;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.commit.PublishResult;
import io.omnigraph.engine.commit.Reachability;
import io.omnigraph.engine.commit.RetentionPolicy;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.format.Ulid;
import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.Parallel;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Storage maintenance of one graph (engine.md §6.2–§6.4, docs/maintenance.md): {@link #optimize} (compaction, one
 * commit), {@link #cleanup} (reclaiming what no branch or retained commit needs) and {@link #repair} (verification).
 * These are direct-storage operations: they take a {@link Graph} opened on the store and do not consult its policy
 * gate (the CLI never runs them through a server).
 *
 * <p>Why repair is mostly a verifier here: publishing is one compare-and-swap of a branch ref, so there is no state
 * between "written" and "visible" that could drift and need healing (the original's per-table HEAD vs. published
 * pointer). What can still go wrong is lost or damaged objects; repair finds them but cannot recreate data.
 */
public final class Maintenance {
    /** Objects younger than this are never deleted by cleanup, so in-flight writers' uploads survive. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);
    /** Attempts of optimize when a concurrent write rewrote a table it compacts. */
    public static final int OPTIMIZE_ATTEMPTS = 3;

    private Maintenance() {
    }

    // ============================================================================================ optimize

    /**
     * Compacts every table of main's head whose rows span more than one segment (or that carries delete segments)
     * into one data segment holding exactly the live rows — shadowed rows and applied deletes are dropped, content is
     * unchanged — and publishes all of them in one commit ({@code operation: optimize}, actor as given). Publishes
     * nothing when no table needs it. Older commits keep their own segments, so time travel is unaffected (until
     * {@link #cleanup} reclaims them). A concurrent write to a table being compacted makes optimize start over from
     * the new head (up to {@link #OPTIMIZE_ATTEMPTS} times); writes to other tables just rebase.
     */
    public static OptimizeResult optimize(Graph graph, Optional<String> actor, IndexHook hook) {
        GraphStore store = graph.store();
        for (int attempt = 1; ; attempt++) {
            BranchHead head = store.readBranch(BranchNames.MAIN);
            Snapshot snap = store.snapshot(head);
            CommitDraft.Builder draft = CommitDraft.builder("optimize").actor(actor);
            List<TableOptimizeStats> stats = new ArrayList<>();
            List<String> compact = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(snap.tableKeys())) {
                TableState st = snap.tableState(key);
                boolean needs = st.segments().size() > 1
                        || st.segments().stream().anyMatch(s -> s.kind() != io.omnigraph.engine.segment.SegmentKind.DATA);
                if (needs) {
                    compact.add(key);
                }
            }
            Map<String, TableData> data = compact.isEmpty() ? Map.of() : snap.tables(compact);
            for (String key : new java.util.TreeSet<>(snap.tableKeys())) {
                TableState st = snap.tableState(key);
                TableSchema ts = snap.tableSchema(key);
                TableData rows = data.get(key);
                if (rows == null) {
                    stats.add(new TableOptimizeStats(key, ts.typeName(), st.segments().size(), st.segments().size(),
                            st.liveRows(), false, Optional.of("nothing_to_compact"), List.of()));
                    continue;
                }
                List<PendingSegment> segs = rows.rowCount() == 0 ? List.of() : List.of(store.encodeData(rows));
                draft.replace(key, segs, rows.rowCount());
                stats.add(new TableOptimizeStats(key, ts.typeName(), st.segments().size(), segs.size(), rows.rowCount(),
                        true, Optional.empty(), List.of()));
            }
            Map<String, List<TableOptimizeStats.PendingIndex>> pending = hook.reconcile(store, snap, draft);
            stats = withPending(stats, pending);
            if (compact.isEmpty()) {
                return new OptimizeResult(BranchNames.MAIN, stats, Optional.empty());
            }
            draft.message("optimize: compacted " + compact.size() + " table(s)");
            try {
                PublishResult r = store.publish(PublishRequest.of(head, draft.build()));
                return new OptimizeResult(BranchNames.MAIN, stats, Optional.of(CommitInfo.of(r.commit())));
            } catch (EngineException.ReadSetConflict e) {
                if (attempt >= OPTIMIZE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static List<TableOptimizeStats> withPending(List<TableOptimizeStats> stats,
                                                        Map<String, List<TableOptimizeStats.PendingIndex>> pending) {
        if (pending.isEmpty()) {
            return stats;
        }
        List<TableOptimizeStats> out = new ArrayList<>();
        for (TableOptimizeStats s : stats) {
            out.add(new TableOptimizeStats(s.typeKey(), s.typeName(), s.segmentsBefore(), s.segmentsAfter(), s.liveRows(),
                    s.committed(), s.skipped(), pending.getOrDefault(s.typeKey(), List.of())));
        }
        return out;
    }

    // ============================================================================================ cleanup

    /**
     * Reclaims objects no branch needs under {@code policy}: segments referenced only by commits outside the
     * retention window (their data becomes {@code historical_version_reclaimed}), and commit and segment objects no
     * branch reaches at all (failed writes, deleted branches). Commit objects of reachable commits and all schema
     * objects are kept, so {@code commit list} still shows the whole history. Unreachable objects younger than
     * {@code grace} (by the time in their ULID) are never touched, so a publish in flight keeps its uploads.
     *
     * <p>Fail-closed preflight: every branch head, its schema and every segment it references must exist and decode
     * (else {@link EngineException.Corrupt} and nothing is deleted). When a branch moves between the walk and the
     * deletes, the walk is redone (up to 3 times). Without {@code confirm} nothing is deleted (preview).
     */
    public static CleanupResult cleanup(Graph graph, RetentionPolicy policy, Duration grace, boolean confirm) {
        GraphStore store = graph.store();
        RepairResult pre = verify(store, false);
        if (!pre.problems().isEmpty()) {
            RepairResult.Problem p = pre.problems().get(0);
            throw new EngineException.Corrupt(p.key(), "cleanup refused: the graph has " + pre.problems().size()
                    + " broken object(s) (" + p.issue() + ", referenced by " + p.referencedBy()
                    + "); run `omnigraph repair` and fix the graph before reclaiming anything", null);
        }
        Plan plan = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Map<String, String> before = refs(store);
            plan = plan(store, policy, grace);
            if (before.equals(refs(store))) {
                break;
            }
        }
        if (!confirm) {
            return plan.result(false, List.of());
        }
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<Supplier<Object>> deletes = new ArrayList<>();
        for (ObjectInfo o : plan.candidates) {
            deletes.add(() -> {
                try {
                    store.objectStore().delete(o.key());
                } catch (StoreException e) {
                    errors.add(o.key() + ": " + e.getMessage());
                }
                return null;
            });
        }
        Parallel.all(deletes);
        return plan.result(true, errors);
    }

    private record Plan(Reachability reach, int branches, List<ObjectInfo> candidates, long protectedByGrace) {
        CleanupResult result(boolean applied, List<String> errors) {
            long bytes = candidates.stream().mapToLong(ObjectInfo::size).sum();
            long segs = candidates.stream().filter(o -> o.key().startsWith(Layout.SEGMENTS_PREFIX)).count();
            long commits = candidates.stream().filter(o -> o.key().startsWith(Layout.COMMITS_PREFIX)).count();
            return new CleanupResult(applied, branches, reach.reachableCommits().size(), reach.retainedCommits().size(),
                    reach.reachableCommits().size() - reach.retainedCommits().size(), candidates.size() - errors.size(),
                    bytes, segs, commits, protectedByGrace, errors);
        }
    }

    private static Plan plan(GraphStore store, RetentionPolicy policy, Duration grace) {
        Reachability r = store.reachableObjects(policy);
        long cutoffMs = store.options().clock().nowMillis() - grace.toMillis();
        List<ObjectInfo> out = new ArrayList<>();
        long young = 0;
        for (String prefix : List.of(Layout.COMMITS_PREFIX, Layout.SEGMENTS_PREFIX)) {
            for (ObjectInfo o : list(store, prefix)) {
                if (r.liveKeys().contains(o.key())) {
                    continue;
                }
                String name = o.key().substring(o.key().lastIndexOf('/') + 1);
                int dot = name.indexOf('.');
                String id = dot < 0 ? name : name.substring(0, dot);
                if (!Ulid.isValid(id)) {
                    continue; // not ours: never deleted
                }
                if (Ulid.timestampMillis(id) < cutoffMs) {
                    out.add(o);
                } else {
                    young++;
                }
            }
        }
        int branches = (int) list(store, Layout.REFS_PREFIX).stream().filter(o -> Layout.branchOfRefKey(o.key()).isPresent()).count();
        return new Plan(r, branches, List.copyOf(out), young);
    }

    private static Map<String, String> refs(GraphStore store) {
        Map<String, String> m = new TreeMap<>();
        for (ObjectInfo o : list(store, Layout.REFS_PREFIX)) {
            m.put(o.key(), o.version());
        }
        return m;
    }

    private static List<ObjectInfo> list(GraphStore store, String prefix) {
        try {
            return store.objectStore().list(prefix);
        } catch (StoreException e) {
            throw new EngineException.Storage(e);
        }
    }

    // ============================================================================================ repair

    /**
     * Verifies the graph: every branch ref decodes; its head commit and schema exist and decode; every segment the
     * head references exists and decodes as a segment of that table with the listed kind and row count; every commit
     * reachable through parents exists with its schema. Segments missing from non-head commits are counted as
     * reclaimed history (cleanup's doing), not as problems. With {@code confirm}, stale temporary files of
     * interrupted local writes (older than {@link #DEFAULT_GRACE}) are removed — the only thing there is to heal.
     * Never changes graph objects.
     */
    public static RepairResult repair(Graph graph, boolean confirm) {
        return verify(graph.store(), confirm);
    }

    private static RepairResult verify(GraphStore store, boolean confirm) {
        List<RepairResult.Problem> problems = Collections.synchronizedList(new ArrayList<>());
        SegmentCodec codec = store.options().codec();
        Set<String> segmentKeys = new HashSet<>();
        list(store, Layout.SEGMENTS_PREFIX).forEach(o -> segmentKeys.add(o.key()));
        List<String> heads = new ArrayList<>();
        int branches = 0;
        for (ObjectInfo o : list(store, Layout.REFS_PREFIX)) {
            Optional<String> name = Layout.branchOfRefKey(o.key());
            if (name.isEmpty()) {
                continue;
            }
            branches++;
            try {
                store.findBranch(name.get()).ifPresent(h -> heads.add(h.headCommitId()));
            } catch (EngineException e) {
                problems.add(new RepairResult.Problem(o.key(), "branch '" + name.get() + "'", "ref does not decode: " + e.getMessage()));
            }
        }
        // walk every reachable commit
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(heads);
        Set<String> headSet = new HashSet<>(heads);
        Map<String, String> headSegments = new LinkedHashMap<>(); // segment key -> "commit <id> table <key>"
        Map<String, SegmentRef> refsByKey = new LinkedHashMap<>();
        int reclaimed = 0;
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!seen.add(id)) {
                continue;
            }
            Commit c;
            try {
                c = store.commit(id);
            } catch (EngineException e) {
                problems.add(new RepairResult.Problem(Layout.commit(id), headSet.contains(id) ? "a branch head" : "a child commit",
                        "commit missing or unreadable: " + e.getMessage()));
                continue;
            }
            try {
                store.schema(c.schemaDigest());
            } catch (EngineException e) {
                problems.add(new RepairResult.Problem(Layout.schema(c.schemaDigest()), "commit " + id,
                        "schema missing or unreadable: " + e.getMessage()));
            }
            boolean missingData = false;
            for (Map.Entry<String, TableState> t : c.tables().entrySet()) {
                for (SegmentRef s : t.getValue().segments()) {
                    String key = Layout.segment(t.getKey(), s.id());
                    if (headSet.contains(id)) {
                        headSegments.putIfAbsent(key, "commit " + id + " (branch head), table " + t.getKey());
                        refsByKey.putIfAbsent(key, s);
                        if (!segmentKeys.contains(key)) {
                            problems.add(new RepairResult.Problem(key, "commit " + id + " (branch head), table " + t.getKey(),
                                    "segment missing"));
                        }
                    } else if (!segmentKeys.contains(key)) {
                        missingData = true;
                    }
                }
            }
            if (missingData) {
                reclaimed++;
            }
            todo.addAll(c.parents());
        }
        // decode every head segment (in parallel)
        List<Supplier<Object>> checks = new ArrayList<>();
        for (Map.Entry<String, String> e : headSegments.entrySet()) {
            String key = e.getKey();
            if (!segmentKeys.contains(key)) {
                continue;
            }
            SegmentRef ref = refsByKey.get(key);
            String table = key.substring(Layout.SEGMENTS_PREFIX.length(), key.lastIndexOf('/'));
            checks.add(() -> {
                try {
                    Optional<StoredObject> obj = store.objectStore().get(key);
                    if (obj.isEmpty()) {
                        problems.add(new RepairResult.Problem(key, e.getValue(), "segment missing"));
                        return null;
                    }
                    SegmentCodec.SegmentInfo info = codec.inspect(key, obj.get().bytes());
                    if (info.kind() != ref.kind() || !info.tableKey().equals(table) || info.rows() != ref.rows()) {
                        problems.add(new RepairResult.Problem(key, e.getValue(), "segment does not match its commit entry (kind "
                                + info.kind() + "/" + ref.kind() + ", table " + info.tableKey() + ", rows " + info.rows()
                                + "/" + ref.rows() + ")"));
                    }
                } catch (StoreException ex) {
                    problems.add(new RepairResult.Problem(key, e.getValue(), "unreadable: " + ex.getMessage()));
                } catch (EngineException ex) {
                    problems.add(new RepairResult.Problem(key, e.getValue(), "does not decode: " + ex.getMessage()));
                }
                return null;
            });
        }
        Parallel.all(checks);
        List<RepairResult.Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparing(RepairResult.Problem::key));
        List<Path> temps = staleTemps(store);
        int removed = 0;
        if (confirm) {
            for (Path p : temps) {
                try {
                    if (Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (IOException ignored) {
                    // another process may be sweeping too
                }
            }
        }
        String classification = sorted.isEmpty() ? "no_drift" : "broken";
        String action = !sorted.isEmpty() ? "refused" : temps.isEmpty() ? "no_op" : confirm ? "healed" : "preview";
        return new RepairResult(classification, action, branches, seen.size(), headSegments.size(), reclaimed, sorted,
                temps.size(), removed);
    }

    /** Stale temp files of the local backend ({@code .omnigraph-tmp/*.tmp} under the graph's directory). */
    private static List<Path> staleTemps(GraphStore store) {
        if (!store.objectStore().isLocal()) {
            return List.of();
        }
        String loc = store.objectStore().location();
        Path dir;
        try {
            dir = Path.of(loc.startsWith("file://") ? loc.substring(7) : loc).resolve(".omnigraph-tmp");
        } catch (RuntimeException e) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Instant cutoff = Instant.now().minus(DEFAULT_GRACE);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : entries) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
