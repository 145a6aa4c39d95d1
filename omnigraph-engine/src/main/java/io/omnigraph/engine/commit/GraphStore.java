package io.omnigraph.engine.commit;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.BranchRef;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.FormatVersion;
import io.omnigraph.engine.format.GraphStamp;
import io.omnigraph.engine.format.Json;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.format.IdFilter;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.format.Ulid;
import io.omnigraph.engine.format.UlidGenerator;
import io.omnigraph.engine.history.MergeBase;
import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.segment.SegmentKind;
import io.omnigraph.engine.snapshot.DataCache;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.snapshot.TableMaterializer;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The versioned graph store over one {@link ObjectStore} rooted at a graph root: init/open, branch refs, commits,
 * schemas, snapshots (branch head or commit id), the publish protocol (the single visibility door: upload segments
 * and commit object in parallel, then one compare-and-swap of the branch ref), branch create/delete/list, history,
 * merge bases, change sets and cleanup support. See docs/storage-format.md for the format and the cost table.
 *
 * <p>A handle is thread-safe and meant to be long-lived: it caches commits, schemas, snapshots (by commit id) and
 * decoded data (by segment id and table-state hash); all of these are immutable, so the caches never need
 * invalidation. Only branch refs are re-read on every {@link #readBranch} / branch snapshot (one small GET).
 *
 * <p>Errors: every method throws only {@link EngineException} subclasses; store failures become
 * {@link EngineException.Storage}.
 */
public final class GraphStore implements AutoCloseable {
    private final ObjectStore store;
    private final GraphStoreOptions options;
    private final GraphStamp stamp;
    private final UlidGenerator ulids;
    private final ExecutorService executor;
    /** {@link #executor} as a lane executor: inline under {@code Parallel.sequentially} (deterministic simulation). */
    private final java.util.concurrent.Executor lanes;
    private final Cache<String, Commit> commits;
    private final Cache<String, SchemaObject> schemas;
    private final Cache<String, Snapshot> snapshots;
    private final DataCache data;
    private final TableMaterializer materializer;
    private final SegmentCodec codec;

    private GraphStore(ObjectStore store, GraphStoreOptions options, GraphStamp stamp) {
        this.store = store;
        this.options = options;
        this.stamp = stamp;
        this.ulids = new UlidGenerator(options.clock(), options.entropy());
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("omnigraph-io-", 0).factory());
        this.lanes = io.omnigraph.storage.Parallel.lanes(executor);
        this.commits = CacheBuilder.newBuilder().maximumSize(options.commitCacheEntries()).build();
        this.schemas = CacheBuilder.newBuilder().maximumSize(64).build();
        this.snapshots = CacheBuilder.newBuilder().maximumSize(options.snapshotCacheEntries()).build();
        this.data = new DataCache(options.dataCacheBytes());
        this.codec = options.codec();
        this.materializer = new TableMaterializer(this::fetchSegment, data, codec, lanes);
    }

    // ------------------------------------------------------------------------------------------------ init / open

    /**
     * Creates a graph in an empty root: schema object and genesis commit (in parallel), then {@code graph.json}
     * (create-if-absent), then {@code refs/branches/main.json} (create-if-absent). A retry after a lost
     * acknowledgement recognises its own earlier writes by the genesis commit id.
     *
     * @throws EngineException.Exists    graph_exists when the root already holds a graph
     * @throws EngineException.Invalid   root_not_empty / init_incomplete for other contents
     */
    public static GraphStore init(ObjectStore store, SchemaObject schema, Optional<String> actor, GraphStoreOptions options) {
        if (!schema.digestMatches()) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "schema", "schema object digest does not match its content");
        }
        List<ObjectInfo> existing = call(() -> store.list(""));
        if (!existing.isEmpty()) {
            boolean hasStamp = existing.stream().anyMatch(o -> o.key().equals(Layout.STAMP));
            if (hasStamp) {
                boolean hasMain = existing.stream().anyMatch(o -> o.key().equals(Layout.ref(BranchNames.MAIN)));
                if (hasMain) {
                    throw new EngineException.Exists(EngineErrorCode.GRAPH_EXISTS, store.location(),
                            "a graph already exists at " + store.location() + "; open it instead, or choose an empty location");
                }
                throw new EngineException.Invalid(EngineErrorCode.INIT_INCOMPLETE, store.location(), "the graph at "
                        + store.location() + " was not fully initialized (graph.json without a main branch); delete the "
                        + "location and run init again");
            }
            throw new EngineException.Invalid(EngineErrorCode.ROOT_NOT_EMPTY, store.location(), "cannot init a graph at "
                    + store.location() + ": the location is not empty (found '" + existing.get(0).key() + "'"
                    + (existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "") + "); choose an empty location");
        }
        UlidGenerator ids = new UlidGenerator(options.clock(), options.entropy());
        long now = options.clock().nowMicros();
        Map<String, TableState> tables = new TreeMap<>();
        for (TableSchema t : schema.tables().values()) {
            tables.put(t.tableKey(), TableState.empty(t.typeName(), t.kind()));
        }
        Commit genesis = new Commit(FormatVersion.CURRENT, ids.next(), List.of(), 1, 1, BranchNames.MAIN, actor, now, "init",
                "initialize graph", schema.digest(), tables);
        GraphStamp stamp = new GraphStamp(FormatVersion.CURRENT, FormatVersion.FORMAT_NAME, ids.next(), genesis.id(), now);
        runParallel(List.of(
                () -> store.put(Layout.schema(schema.digest()), Json.encode(schema)),
                () -> store.put(Layout.commit(genesis.id()), Json.encode(genesis))));
        try {
            call(() -> store.putIfAbsent(Layout.STAMP, Json.encode(stamp)));
        } catch (EngineException.Storage e) {
            if (!(e.storeException() instanceof StoreException.PreconditionFailed)) {
                throw e;
            }
            GraphStamp found = readStamp(store);
            if (!found.genesisCommit().equals(genesis.id())) {
                throw new EngineException.Exists(EngineErrorCode.GRAPH_EXISTS, store.location(),
                        "another process initialized a graph at " + store.location() + " concurrently");
            }
        }
        BranchRef main = new BranchRef(FormatVersion.CURRENT, BranchNames.MAIN, genesis.id(), schema.digest(), ids.next(),
                now, token(options));
        try {
            call(() -> store.putIfAbsent(Layout.ref(BranchNames.MAIN), Json.encode(main)));
        } catch (EngineException.Storage e) {
            if (!(e.storeException() instanceof StoreException.PreconditionFailed)) {
                throw e;
            }
            BranchRef found = Json.decode(Layout.ref(BranchNames.MAIN), call(() -> store.get(Layout.ref(BranchNames.MAIN)))
                    .orElseThrow(() -> new EngineException.NotFound("branch", BranchNames.MAIN)).bytes(), BranchRef.class);
            if (!found.head().equals(genesis.id())) {
                throw new EngineException.Exists(EngineErrorCode.GRAPH_EXISTS, store.location(),
                        "another process initialized a graph at " + store.location() + " concurrently");
            }
        }
        GraphStore g = new GraphStore(store, options, stamp);
        g.commits.put(genesis.id(), genesis);
        g.schemas.put(schema.digest(), schema);
        return g;
    }

    /**
     * Opens a graph: one read of {@code graph.json} and a format check. Nothing else is read until used.
     *
     * @throws EngineException.FormatUnsupported when the root holds no graph or one of another format version
     */
    public static GraphStore open(ObjectStore store, GraphStoreOptions options) {
        return new GraphStore(store, options, readStamp(store));
    }

    private static GraphStamp readStamp(ObjectStore store) {
        StoredObject o = call(() -> store.get(Layout.STAMP)).orElseThrow(() -> new EngineException.FormatUnsupported(
                store.location(), null, "no OmniGraph graph at " + store.location() + " (graph.json is missing); "
                + "run init to create one, or check the location"));
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = Json.mapper().readTree(o.bytes());
        } catch (java.io.IOException e) {
            throw new EngineException.Corrupt(Layout.STAMP, "not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.path("format_version").isInt()) {
            throw new EngineException.FormatUnsupported(store.location(), null, "graph.json at " + store.location()
                    + " has no format_version; this is not an OmniGraph graph of a supported format");
        }
        int v = node.get("format_version").asInt();
        if (v > FormatVersion.CURRENT) {
            throw new EngineException.FormatUnsupported(store.location(), v, "the graph at " + store.location()
                    + " uses storage format " + v + ", newer than this build supports (" + FormatVersion.CURRENT
                    + "); upgrade omnigraph");
        }
        if (v < FormatVersion.CURRENT) {
            throw new EngineException.FormatUnsupported(store.location(), v, "the graph at " + store.location()
                    + " uses storage format " + v + ", older than this build supports (" + FormatVersion.CURRENT
                    + "); export it with the release that wrote it and import it with this one");
        }
        GraphStamp s = Json.decode(Layout.STAMP, o.bytes(), GraphStamp.class);
        if (!FormatVersion.FORMAT_NAME.equals(s.format())) {
            throw new EngineException.FormatUnsupported(store.location(), v, "graph.json at " + store.location()
                    + " names format '" + s.format() + "', expected '" + FormatVersion.FORMAT_NAME + "'");
        }
        return s;
    }

    public GraphStamp stamp() {
        return stamp;
    }

    public ObjectStore objectStore() {
        return store;
    }

    public GraphStoreOptions options() {
        return options;
    }

    /** Mints a new ULID (commit, segment and incarnation ids). */
    public String newId() {
        return ulids.next();
    }

    /** {@link #newId()} written as 26 ASCII bytes at {@code dst[off..off + 26)} (the same sequence). */
    public void newIdAscii(byte[] dst, int off) {
        ulids.nextAscii(dst, off);
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** Reads a branch ref (always from the store: 1 GET). @throws EngineException.NotFound for an unknown branch */
    public BranchHead readBranch(String name) {
        BranchNames.check(name);
        return findBranch(name).orElseThrow(() -> new EngineException.NotFound("branch", name));
    }

    /** Like {@link #readBranch} but empty for an unknown branch. */
    public Optional<BranchHead> findBranch(String name) {
        BranchNames.check(name);
        String key = Layout.ref(name);
        return call(() -> store.get(key)).map(o -> {
            BranchRef ref = Json.decode(key, o.bytes(), BranchRef.class);
            if (!ref.branch().equals(name)) {
                throw new EngineException.Corrupt(key, "ref names branch '" + ref.branch() + "'", null);
            }
            return new BranchHead(ref, o.version());
        });
    }

    /** A commit by id (cached; immutable). @throws EngineException.NotFound {@code commit '<id>' not found} */
    public Commit commit(String id) {
        Commit c = commits.getIfPresent(id);
        if (c != null) {
            return c;
        }
        if (!Ulid.isValid(id)) {
            throw new EngineException.NotFound("commit", id);
        }
        String key = Layout.commit(id);
        StoredObject o = call(() -> store.get(key)).orElseThrow(() -> new EngineException.NotFound("commit", id));
        c = Json.decode(key, o.bytes(), Commit.class);
        if (!c.id().equals(id)) {
            throw new EngineException.Corrupt(key, "object holds commit '" + c.id() + "'", null);
        }
        commits.put(id, c);
        return c;
    }

    /** Several commits by id, fetched in parallel (one round trip for the ones not cached), in order. */
    public List<Commit> commits(List<String> ids) {
        if (ids.size() <= 1) {
            return ids.stream().map(this::commit).toList();
        }
        List<java.util.function.Supplier<Commit>> tasks = new ArrayList<>();
        for (String id : ids) {
            tasks.add(() -> commit(id));
        }
        try {
            return io.omnigraph.storage.Parallel.all(tasks);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    /** A schema object by digest (cached; content-verified). */
    public SchemaObject schema(String digest) {
        SchemaObject s = schemas.getIfPresent(digest);
        if (s != null) {
            return s;
        }
        String key = Layout.schema(digest);
        StoredObject o = call(() -> store.get(key)).orElseThrow(() -> new EngineException.NotFound("schema", digest));
        s = Json.decode(key, o.bytes(), SchemaObject.class);
        if (!s.digest().equals(digest) || !s.digestMatches()) {
            throw new EngineException.Corrupt(key, "schema content does not match digest " + digest, null);
        }
        schemas.put(digest, s);
        return s;
    }

    /**
     * Opens a snapshot. Branch: 1 ref GET, then (when the head commit is not cached) commit and schema GETs in
     * parallel. Commit id: the commit (cached) then its schema (cached); no listing.
     */
    public Snapshot snapshot(ReadTarget target) {
        return switch (target) {
            case ReadTarget.Branch b -> snapshot(readBranch(b.name()));
            case ReadTarget.CommitId c -> snapshotOfCommit(commit(c.id()));
        };
    }

    /** The snapshot at a branch head already read (no ref read). */
    public Snapshot snapshot(BranchHead head) {
        Snapshot s = snapshots.getIfPresent(head.headCommitId());
        if (s == null) {
            String commitId = head.headCommitId();
            String digest = head.ref().schemaDigest();
            boolean needCommit = commits.getIfPresent(commitId) == null;
            boolean needSchema = schemas.getIfPresent(digest) == null;
            if (needCommit && needSchema) {
                runParallel(List.of(() -> commit(commitId), () -> schema(digest)));
            }
            s = snapshotOfCommit(commit(commitId));
        }
        return s.withHead(head);
    }

    private Snapshot snapshotOfCommit(Commit c) {
        Snapshot s = snapshots.getIfPresent(c.id());
        if (s != null) {
            return s;
        }
        s = new Snapshot(c, schema(c.schemaDigest()), Optional.empty(), materializer, lanes);
        snapshots.put(c.id(), s);
        return s;
    }

    /** The shared materializer (segment decoding and folding with caching). */
    public TableMaterializer materializer() {
        return materializer;
    }

    private byte[] fetchSegment(String tableKey, String segmentId) {
        String key = Layout.segment(tableKey, segmentId);
        return call(() -> store.get(key)).orElseThrow(() -> new EngineException.NotFound("segment", key)).bytes();
    }

    // ------------------------------------------------------------------------------------------------ segments

    /** Encodes a data segment of {@code table} (unique ids) under a fresh segment id. */
    public PendingSegment encodeData(TableData table) {
        return encodeData(table, ulids.next());
    }

    /**
     * Encodes a data segment under a segment id drawn earlier with {@link #newId()} (writers that encode several
     * segments in parallel draw the ids first, in order, so seeded runs name segments reproducibly).
     */
    public PendingSegment encodeData(TableData table, String segmentId) {
        byte[] bytes;
        try {
            bytes = codec.encodeData(table);
        } catch (IllegalArgumentException e) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, table.schema().tableKey(), e.getMessage());
        }
        return new PendingSegment(table.schema().tableKey(),
                new SegmentRef(segmentId, SegmentKind.DATA, table.rowCount(), bytes.length, idFilter(table.ids())), bytes);
    }

    /** Encodes a delete segment removing {@code ids} from {@code table}. */
    public PendingSegment encodeDelete(TableSchema table, Collection<String> ids) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(ids);
        ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, distinct.size());
        b.plainOnly();
        distinct.forEach(b::append);
        return encodeDelete(table, b.build());
    }

    /** Encodes a delete segment removing the ids of a column (duplicates removed). */
    public PendingSegment encodeDelete(TableSchema table, StringColumn ids) {
        byte[] bytes = codec.encodeDelete(table, ids);
        long rows = codec.inspect("delete", bytes).rows();
        return new PendingSegment(table.tableKey(), new SegmentRef(ulids.next(), SegmentKind.DELETE, rows, bytes.length,
                idFilter(ids)), bytes);
    }

    /** The id filter written with a new segment (none when the options turn filters off or the segment is large). */
    private Optional<String> idFilter(StringColumn ids) {
        return options.writeIdFilters() ? IdFilter.encode(ids) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ publish

    /**
     * Publishes a draft on a branch — the single visibility door. Per attempt: build the commit on the base head,
     * upload the not-yet-uploaded segments, the new schema (if any) and the commit object in parallel, then
     * {@code putIfMatch} the ref against the base version. On a lost compare-and-swap the ref is re-read: our own
     * commit there (or in the first-parent chain since the base) means it landed; otherwise the request's rebaser
     * decides between a retry on the new head (reusing uploads) and a typed conflict. An expected-head precondition
     * is checked on every attempt and never retried. Gives up with {@code publish_contention} after
     * {@link GraphStoreOptions#maxPublishAttempts()} attempts.
     */
    public PublishResult publish(PublishRequest request) {
        BranchHead base = request.base();
        CommitDraft draft = request.draft();
        String branch = base.name();
        Set<String> uploaded = new HashSet<>();
        int maxAttempts = options.maxPublishAttempts();
        for (int attempt = 1; ; attempt++) {
            if (request.expectedHead().isPresent() && !request.expectedHead().get().equals(base.headCommitId())) {
                throw new EngineException.PreconditionFailed(branch, request.expectedHead().get(), base.headCommitId());
            }
            Commit parent = commit(base.headCommitId());
            SchemaObject schema = draft.newSchema().orElseGet(() -> schema(parent.schemaDigest()));
            Commit next = buildCommit(parent, draft, schema, branch);
            List<Callable<?>> puts = new ArrayList<>();
            for (PendingSegment s : draft.uploads()) {
                String key = Layout.segment(s.tableKey(), s.ref().id());
                if (!uploaded.contains(key)) {
                    puts.add(() -> store.put(key, s.bytes()));
                }
            }
            if (draft.newSchema().isPresent() && !uploaded.contains(Layout.schema(schema.digest()))) {
                puts.add(() -> store.put(Layout.schema(schema.digest()), Json.encode(schema)));
            }
            puts.add(() -> store.put(Layout.commit(next.id()), Json.encode(next)));
            runParallel(puts);
            for (PendingSegment s : draft.uploads()) {
                uploaded.add(Layout.segment(s.tableKey(), s.ref().id()));
            }
            uploaded.add(Layout.schema(schema.digest()));
            commits.put(next.id(), next);
            if (draft.newSchema().isPresent()) {
                schemas.put(schema.digest(), schema);
            }
            String writerToken = token(options);
            BranchRef newRef = base.ref().movedTo(next.id(), next.schemaDigest(), writerToken);
            StoreException failure;
            try {
                String version = store.putIfMatch(Layout.ref(branch), Json.encode(newRef), base.version());
                return new PublishResult(next, new BranchHead(newRef, version), attempt, false);
            } catch (StoreException.PreconditionFailed | StoreException.Transient e) {
                failure = e;
            } catch (StoreException e) {
                throw new EngineException.Storage(e);
            }
            BranchHead current = findBranch(branch).orElseThrow(() -> new EngineException.NotFound("branch", branch));
            if (current.headCommitId().equals(next.id()) && current.ref().writerToken().equals(writerToken)) {
                return new PublishResult(next, current, attempt, true);
            }
            if (failure instanceof StoreException.Transient && current.version().equals(base.version())) {
                if (attempt >= maxAttempts) {
                    throw new EngineException.Storage(failure);
                }
                backoff(attempt);
                continue; // the ref did not move: nothing landed, try again on the same base
            }
            if (!current.ref().incarnation().equals(base.ref().incarnation())) {
                throw new EngineException.ReadSetConflict("branch:" + branch, base.ref().incarnation(),
                        current.ref().incarnation(), "branch '" + branch + "' was deleted and re-created while this "
                        + "write was prepared; re-read and retry");
            }
            if (request.expectedHead().isPresent()) {
                throw new EngineException.PreconditionFailed(branch, request.expectedHead().get(), current.headCommitId());
            }
            List<Commit> between = firstParentPath(base.headCommitId(), current.headCommitId(), branch);
            for (Commit c : between) {
                if (c.id().equals(next.id())) {
                    return new PublishResult(next, current, attempt, true);
                }
            }
            if (attempt >= maxAttempts) {
                throw new EngineException.Contention(branch, attempt);
            }
            BranchHead cur = current;
            List<Commit> oldestFirst = new ArrayList<>(between);
            java.util.Collections.reverse(oldestFirst);
            CompletableFuture<ChangeSet> changeSet = new CompletableFuture<>();
            RebaseContext ctx = new RebaseContext(draft, base, current, () -> snapshot(cur),
                    () -> {
                        if (!changeSet.isDone()) {
                            changeSet.complete(changeSetOf(oldestFirst));
                        }
                        return changeSet.join();
                    }, attempt);
            RebaseDecision decision = request.rebaser().rebase(ctx);
            switch (decision) {
                case RebaseDecision.Retry r -> {
                    draft = r.draft();
                    base = current;
                }
                case RebaseDecision.Fail f -> throw f.error();
            }
            backoff(attempt);
        }
    }

    private Commit buildCommit(Commit parent, CommitDraft draft, SchemaObject schema, String branch) {
        Map<String, TableState> tables = new TreeMap<>(parent.tables());
        Set<String> referenced = new HashSet<>();
        for (Map.Entry<String, TableChange> e : draft.changes().entrySet()) {
            String key = e.getKey();
            TableChange change = e.getValue();
            if (change instanceof TableChange.Drop) {
                tables.remove(key);
                continue;
            }
            TableSchema ts = schema.table(key).orElseThrow(() -> new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT,
                    key, "draft changes table '" + key + "', which the schema does not have"));
            switch (change) {
                case TableChange.Append a -> {
                    TableState prev = tables.getOrDefault(key, TableState.empty(ts.typeName(), ts.kind()));
                    tables.put(key, prev.append(a.segments(), a.liveRowDelta(), a.exactDelta()));
                    a.segments().forEach(s -> referenced.add(key + "/" + s.id()));
                }
                case TableChange.Replace r -> {
                    TableState prev = tables.get(key);
                    tables.put(key, new TableState(ts.typeName(), ts.kind(), r.segments(), r.liveRows(),
                            prev == null ? 1 : prev.version() + 1, r.liveRowsEstimated()));
                    r.segments().forEach(s -> referenced.add(key + "/" + s.id()));
                }
                case TableChange.Drop d -> throw new IllegalStateException();
            }
        }
        for (PendingSegment s : draft.uploads()) {
            if (!referenced.contains(s.tableKey() + "/" + s.ref().id())) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, s.tableKey(), "draft uploads segment "
                        + s.ref().id() + " of table '" + s.tableKey() + "' but no change references it");
            }
        }
        // align tables with the commit's schema: new tables start empty, removed ones are dropped, names follow renames
        Map<String, TableState> aligned = new TreeMap<>();
        for (TableSchema ts : schema.tables().values()) {
            TableState st = tables.get(ts.tableKey());
            aligned.put(ts.tableKey(), st == null ? TableState.empty(ts.typeName(), ts.kind())
                    : new TableState(ts.typeName(), ts.kind(), st.segments(), st.liveRows(), st.version(),
                            st.liveRowsEstimated()));
        }
        for (String key : tables.keySet()) {
            if (!aligned.containsKey(key) && draft.newSchema().isEmpty()) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, key,
                        "table '" + key + "' is not in the schema of the commit");
            }
        }
        List<String> parents = new ArrayList<>();
        parents.add(parent.id());
        long generation = parent.generation();
        if (draft.mergedParent().isPresent()) {
            Commit merged = commit(draft.mergedParent().get());
            parents.add(merged.id());
            generation = Math.max(generation, merged.generation());
        }
        return new Commit(FormatVersion.CURRENT, ulids.next(), parents, generation + 1, parent.version() + 1, branch, draft.actor(),
                options.clock().nowMicros(), draft.operation(), draft.message(), schema.digest(), aligned);
    }

    private void backoff(int attempt) {
        long base = options.backoffBase().toNanos();
        long bound = Math.min(options.backoffCap().toNanos(), base << Math.min(20, attempt - 1));
        long nanos = Math.floorMod(options.entropy().nextLong(), Math.max(1, bound));
        try {
            options.sleeper().sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException.Contention("(interrupted)", attempt);
        }
    }

    private static String token(GraphStoreOptions options) {
        byte[] b = new byte[12];
        options.entropy().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------------------------------------ branches

    /**
     * Creates a branch at the head of another branch (1 ref GET) or at a commit (1 commit GET unless cached), then
     * one create-if-absent of the new ref: 2 store requests, independent of tables, data and history.
     *
     * @throws EngineException.Exists branch_exists
     */
    public BranchHead createBranch(String name, ReadTarget from) {
        BranchNames.checkMutable(name, "created");
        String head;
        String digest;
        switch (from) {
            case ReadTarget.Branch b -> {
                BranchRef src = readBranch(b.name()).ref();
                head = src.head();
                digest = src.schemaDigest();
            }
            case ReadTarget.CommitId c -> {
                Commit commit = commit(c.id());
                head = commit.id();
                digest = commit.schemaDigest();
            }
        }
        return createRef(name, head, digest);
    }

    /**
     * Creates a branch at the head of another branch as already read (no ref read): 1 create-if-absent.
     *
     * @throws EngineException.Exists branch_exists
     */
    public BranchHead createBranchAt(String name, BranchHead source) {
        BranchNames.checkMutable(name, "created");
        return createRef(name, source.headCommitId(), source.ref().schemaDigest());
    }

    private BranchHead createRef(String name, String head, String digest) {
        BranchRef ref = new BranchRef(FormatVersion.CURRENT, name, head, digest, ulids.next(), options.clock().nowMicros(),
                token(options));
        String key = Layout.ref(name);
        try {
            String version = store.putIfAbsent(key, Json.encode(ref));
            return new BranchHead(ref, version);
        } catch (StoreException.PreconditionFailed e) {
            Optional<BranchHead> found = findBranch(name);
            if (found.isPresent() && found.get().ref().incarnation().equals(ref.incarnation())) {
                return found.get(); // our own write landed; the answer was lost
            }
            throw new EngineException.Exists(EngineErrorCode.BRANCH_EXISTS, name, "branch '" + name + "' already exists");
        } catch (StoreException e) {
            throw new EngineException.Storage(e);
        }
    }


    /**
     * Deletes a branch ref (1 HEAD + 1 DELETE). The branch's commits and segments stay until cleanup reclaims what
     * no other ref reaches.
     *
     * @throws EngineException.Invalid  branch_reserved for main
     * @throws EngineException.NotFound for an unknown branch
     */
    public void deleteBranch(String name) {
        BranchNames.checkMutable(name, "deleted");
        String key = Layout.ref(name);
        if (call(() -> store.head(key)).isEmpty()) {
            throw new EngineException.NotFound("branch", name);
        }
        call(() -> {
            store.delete(key);
            return null;
        });
    }

    /** Public branch names, sorted (1 LIST). */
    public List<String> listBranches() {
        List<String> out = new ArrayList<>();
        for (ObjectInfo o : call(() -> store.list(Layout.REFS_PREFIX))) {
            Layout.branchOfRefKey(o.key()).filter(n -> !n.startsWith("__")).ifPresent(out::add);
        }
        out.sort(null);
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ history

    /** Up to {@code limit} commits of the first-parent chain starting at {@code headCommitId}, newest first. */
    public List<Commit> log(String headCommitId, int limit) {
        List<Commit> out = new ArrayList<>();
        Optional<String> cur = Optional.of(headCommitId);
        while (cur.isPresent() && out.size() < limit) {
            Commit c = commit(cur.get());
            out.add(c);
            cur = c.firstParent();
        }
        return List.copyOf(out);
    }

    /**
     * The commits after {@code ancestorId} up to and including {@code headId} on the first-parent chain of
     * {@code headId}, newest first (empty when equal).
     *
     * @throws EngineException.Invalid when {@code ancestorId} is not on that chain
     */
    public List<Commit> commitsBetween(String ancestorId, String headId) {
        return firstParentPath(ancestorId, headId, null);
    }

    private List<Commit> firstParentPath(String ancestorId, String headId, String branch) {
        List<Commit> out = new ArrayList<>();
        Commit ancestor = commit(ancestorId);
        String cur = headId;
        while (!cur.equals(ancestorId)) {
            Commit c = commit(cur);
            if (c.generation() <= ancestor.generation() || c.firstParent().isEmpty()) {
                if (branch != null) {
                    throw new EngineException.ReadSetConflict("branch:" + branch, ancestorId, headId, "branch '" + branch
                            + "' no longer descends from " + ancestorId + " (it was reset); re-read and retry");
                }
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, ancestorId, "commit '" + ancestorId
                        + "' is not on the first-parent chain of '" + headId + "'");
            }
            out.add(c);
            cur = c.firstParent().get();
        }
        return List.copyOf(out);
    }

    /** The best common ancestor of two commits through first and merged parents; empty for unrelated histories. */
    public Optional<Commit> mergeBase(String a, String b) {
        List<Commit> ends = commits(List.of(a, b));
        return MergeBase.best(ends.get(0), ends.get(1), this::commit, this::commits);
    }

    /** True when {@code ancestor} is reachable from {@code descendant} through any parents (or equal). */
    public boolean isAncestor(String ancestor, String descendant) {
        return MergeBase.isAncestor(commit(ancestor), commit(descendant), this::commit);
    }

    /**
     * What the commits after {@code fromCommitId} up to {@code toCommitId} (first-parent chain) changed, per table and
     * id, from the id columns of the segments they appended.
     */
    public ChangeSet changesBetween(String fromCommitId, String toCommitId) {
        List<Commit> path = new ArrayList<>(commitsBetween(fromCommitId, toCommitId));
        java.util.Collections.reverse(path);
        return changeSetOf(path);
    }

    private ChangeSet changeSetOf(List<Commit> oldestFirst) {
        boolean schemaChanged = false;
        Map<String, List<SegmentRef>> added = new LinkedHashMap<>();
        Set<String> replaced = new HashSet<>();
        for (Commit c : oldestFirst) {
            Commit p = commit(c.firstParent().orElseThrow());
            schemaChanged |= !c.schemaDigest().equals(p.schemaDigest());
            Set<String> keys = new java.util.TreeSet<>(c.tables().keySet());
            keys.addAll(p.tables().keySet());
            for (String key : keys) {
                TableState before = p.tables().get(key);
                TableState after = c.tables().get(key);
                if (before == null || after == null) {
                    replaced.add(key);
                } else if (!before.segments().equals(after.segments())) {
                    List<SegmentRef> b = before.segments();
                    List<SegmentRef> a = after.segments();
                    if (a.size() > b.size() && a.subList(0, b.size()).equals(b)) {
                        added.computeIfAbsent(key, k -> new ArrayList<>()).addAll(a.subList(b.size(), a.size()));
                    } else {
                        replaced.add(key);
                    }
                }
            }
        }
        Map<String, ChangeSet.TableDelta> deltas = new TreeMap<>();
        List<String> keyed = new ArrayList<>();
        List<java.util.function.Supplier<List<StringColumn>>> fetches = new ArrayList<>();
        for (Map.Entry<String, List<SegmentRef>> e : added.entrySet()) {
            if (!replaced.contains(e.getKey())) {
                TableSchema idsOnly = TableSchema.node(e.getKey(), e.getKey(), List.of());
                keyed.add(e.getKey());
                fetches.add(() -> materializer.segmentIds(idsOnly, e.getValue()));
            }
        }
        for (String key : replaced) {
            deltas.put(key, new ChangeSet.TableDelta(true, List.of(), List.of()));
        }
        List<List<StringColumn>> fetched;
        try {
            fetched = io.omnigraph.storage.Parallel.all(fetches);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
        for (int i = 0; i < keyed.size(); i++) {
            List<SegmentKind> kinds = added.get(keyed.get(i)).stream().map(SegmentRef::kind).toList();
            deltas.put(keyed.get(i), new ChangeSet.TableDelta(false, fetched.get(i), kinds));
        }
        return new ChangeSet(oldestFirst, schemaChanged, deltas);
    }

    // ------------------------------------------------------------------------------------------------ cleanup support

    /**
     * Walks every branch ref through first and merged parents. Live keys: {@code graph.json}, every ref, every
     * reachable commit and its schema, and the segments of retained commits (see {@link RetentionPolicy}).
     */
    public Reachability reachableObjects(RetentionPolicy policy) {
        Set<String> live = new HashSet<>();
        live.add(Layout.STAMP);
        List<BranchHead> heads = new ArrayList<>();
        for (ObjectInfo o : call(() -> store.list(Layout.REFS_PREFIX))) {
            live.add(o.key());
            Optional<String> name = Layout.branchOfRefKey(o.key());
            if (name.isPresent()) {
                String key = o.key();
                call(() -> store.get(key)).ifPresent(obj -> heads.add(new BranchHead(Json.decode(key, obj.bytes(), BranchRef.class), obj.version())));
            }
        }
        Set<String> reachable = new HashSet<>();
        Set<String> retained = new HashSet<>();
        long cutoff = policy.keepNewerThan().map(d -> options.clock().nowMicros() - d.toNanos() / 1000).orElse(Long.MAX_VALUE);
        Deque<String> todo = new ArrayDeque<>();
        for (BranchHead h : heads) {
            int n = 0;
            Optional<String> cur = Optional.of(h.headCommitId());
            while (cur.isPresent() && n < policy.keepCommits()) {
                retained.add(cur.get());
                cur = commit(cur.get()).firstParent();
                n++;
            }
            todo.add(h.headCommitId());
        }
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!reachable.add(id)) {
                continue;
            }
            Commit c = commit(id);
            if (c.createdAt() >= cutoff) {
                retained.add(id);
            }
            todo.addAll(c.parents());
        }
        for (String id : reachable) {
            Commit c = commit(id);
            live.add(Layout.commit(id));
            live.add(Layout.schema(c.schemaDigest()));
            if (retained.contains(id)) {
                for (Map.Entry<String, TableState> t : c.tables().entrySet()) {
                    for (SegmentRef s : t.getValue().segments()) {
                        live.add(Layout.segment(t.getKey(), s.id()));
                    }
                }
            }
        }
        return new Reachability(live, reachable, retained);
    }

    /**
     * Objects under {@code commits/} and {@code segments/} that are not live under {@code policy} and whose ULID is
     * older than {@code grace} (so in-flight publishes are never candidates). Schemas are never candidates.
     */
    public List<ObjectInfo> orphanCandidates(RetentionPolicy policy, Duration grace) {
        Reachability r = reachableObjects(policy);
        long cutoffMs = options.clock().nowMillis() - grace.toMillis();
        List<ObjectInfo> out = new ArrayList<>();
        for (String prefix : List.of(Layout.COMMITS_PREFIX, Layout.SEGMENTS_PREFIX)) {
            for (ObjectInfo o : call(() -> store.list(prefix))) {
                if (r.liveKeys().contains(o.key())) {
                    continue;
                }
                String name = o.key().substring(o.key().lastIndexOf('/') + 1);
                int dot = name.indexOf('.');
                String id = dot < 0 ? name : name.substring(0, dot);
                if (Ulid.isValid(id) && Ulid.timestampMillis(id) < cutoffMs) {
                    out.add(o);
                }
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface StoreCall<T> {
        T run();
    }

    private static <T> T call(StoreCall<T> c) {
        try {
            return c.run();
        } catch (StoreException e) {
            throw new EngineException.Storage(e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause() == null ? e : e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof StoreException se) {
            return new EngineException.Storage(se);
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(t);
    }

    /**
     * Runs store calls concurrently through {@link io.omnigraph.storage.Parallel#all} (so round-trip meters see one
     * round trip) and rethrows the first failure as an engine exception.
     */
    private static void runParallel(List<Callable<?>> calls) {
        List<java.util.function.Supplier<Object>> tasks = new ArrayList<>(calls.size());
        for (Callable<?> c : calls) {
            tasks.add(() -> {
                try {
                    return c.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        try {
            io.omnigraph.storage.Parallel.all(tasks);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }
}
