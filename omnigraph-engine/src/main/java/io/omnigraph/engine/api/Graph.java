package io.omnigraph.engine.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.migrate.MigrationPlan;
import io.omnigraph.compiler.migrate.MigrationPlanner;
import io.omnigraph.compiler.migrate.MigrationStep;
import io.omnigraph.compiler.query.Params;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ir.MutationOp;
import io.omnigraph.compiler.query.ir.MutationQuery;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.PendingSegment;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.commit.PublishResult;
import io.omnigraph.engine.embed.Embedder;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.FormatVersion;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.QueryExecutor;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.QueryTarget;
import io.omnigraph.engine.query.ReadQueries;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.load.LoadBinder;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.load.NdjsonParser;
import io.omnigraph.engine.load.ParsedLoad;
import io.omnigraph.engine.mutate.MutationExecutor;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.write.WriteSet;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.gate.GateScope;
import io.omnigraph.policy.gate.PolicyDeniedException;
import io.omnigraph.policy.gate.PolicyGate;
import io.omnigraph.storage.StoreException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * A handle on one graph: thread-safe, long-lived, one per graph root (it owns the caches of commits, schemas and
 * decoded data that every branch and snapshot shares). Every operation takes the acting {@link Actor} (empty when
 * none) and asks the installed {@link PolicyGate} first, with the action and branch/target of cluster-server.md §5.2;
 * a denial is {@link EngineException.PolicyDenied}. Results are records shaped like the wire outputs of
 * openapi.json, so the server adapter is a thin mapping.
 *
 * <p>Writes are all-or-nothing: a write that throws published nothing (it may leave unreachable objects for cleanup).
 * Loads publish exactly one commit; mutations publish one commit when they affect at least one entity.
 *
 * <p>Extension points for later features (merge, change feed, cleanup): {@link #store()} gives
 * the underlying {@link GraphStore}, {@link #schemaOf(Snapshot)} the schema a snapshot was written under,
 * {@link #read} the (snapshot, catalog) pair a read binds to; {@link #query} runs read queries.
 */
public final class Graph implements AutoCloseable {
    /** Attempts of a write that re-prepares on a new head after losing a race (insert-only mutations, append/merge loads). */
    public static final int WRITE_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphStore store;
    private final PolicyGate gate;
    private final Cache<String, GraphSchema> schemas;
    private final IndexCache indexes;
    private final Cache<String, ReadQuery> plans;
    private final boolean owner;
    private final io.omnigraph.engine.diff.ChangeHistory changes;
    private final Optional<Embedder> embedder;

    Graph(GraphStore store, PolicyGate gate) {
        this(store, gate, Optional.empty());
    }

    Graph(GraphStore store, PolicyGate gate, Optional<Embedder> embedder) {
        this(store, gate, CacheBuilder.newBuilder().maximumSize(64).build(), IndexCache.defaults(),
                CacheBuilder.newBuilder().maximumSize(512).build(), true, new io.omnigraph.engine.diff.ChangeHistory(store),
                embedder);
    }

    private Graph(GraphStore store, PolicyGate gate, Cache<String, GraphSchema> schemas, IndexCache indexes,
                  Cache<String, ReadQuery> plans, boolean owner, io.omnigraph.engine.diff.ChangeHistory changes,
                  Optional<Embedder> embedder) {
        this.store = store;
        this.gate = gate;
        this.schemas = schemas;
        this.indexes = indexes;
        this.plans = plans;
        this.owner = owner;
        this.changes = changes;
        this.embedder = embedder;
    }

    /** The same graph (same caches) enforcing another gate; closing the view does not close the graph. */
    public Graph withGate(PolicyGate other) {
        return new Graph(store, other, schemas, indexes, plans, false, changes, embedder);
    }

    /**
     * The same graph (same caches, same gate) with an embedding provider: String {@code nearest} queries are embedded
     * with it, and loads and mutations fill {@code @embed} properties with it (docs/search.md §6). Closing the view
     * does not close the graph. The server installs the provider of the graph's {@code embedding_provider} profile.
     */
    public Graph withEmbedder(Embedder e) {
        return new Graph(store, gate, schemas, indexes, plans, false, changes, Optional.of(e));
    }

    /** The installed embedding provider, if any. */
    public Optional<Embedder> embedder() {
        return embedder;
    }

    /** The topology and scalar indexes of this handle (shared by every branch and snapshot; keyed by table state). */
    public IndexCache indexes() {
        return indexes;
    }

    /**
     * Merging, commit changes, snapshot diffs and the change feed on this handle, gated by this handle's gate (see
     * {@link GraphHistory}).
     */
    public GraphHistory history() {
        return new GraphHistory(this, changes);
    }

    public PolicyGate gate() {
        return gate;
    }

    /** The storage location (what users wrote: a path, {@code file://…}, {@code s3://…}). */
    public String uri() {
        return store.objectStore().location();
    }

    /** True for local-folder (and in-memory) roots, false for remote object stores. */
    public boolean isLocal() {
        return store.objectStore().isLocal();
    }

    public String graphId() {
        return store.stamp().graphId();
    }

    /** The versioned store underneath (for engine features built on this handle). */
    public GraphStore store() {
        return store;
    }

    @Override
    public void close() {
        if (owner) {
            store.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ policy

    void enforce(Optional<Actor> actor, Action action, GateScope scope) {
        try {
            gate.enforce(actor, action, scope);
        } catch (PolicyDeniedException e) {
            throw new EngineException.PolicyDenied(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ schema cache

    /** The schema a snapshot was written under (cached by schema digest). */
    public GraphSchema schemaOf(Snapshot snapshot) {
        String digest = snapshot.schema().digest();
        try {
            return schemas.get(digest, () -> GraphSchema.fromObject(snapshot.schema()));
        } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * Binds a read: the snapshot of a branch head (1 ref read when warm) or of a commit (time travel), and its
     * schema. Gate: {@code read} on the branch (a commit is gated on the branch that authored it).
     */
    public ReadView read(Optional<Actor> actor, ReadTarget target) {
        switch (target) {
            case ReadTarget.Branch b -> {
                enforce(actor, Action.READ, GateScope.onBranch(b.name()));
                Snapshot s = store.snapshot(target);
                return new ReadView(s, schemaOf(s), Optional.of(b.name()));
            }
            case ReadTarget.CommitId c -> {
                Commit commit = store.commit(c.id());
                enforce(actor, Action.READ, GateScope.onBranch(commit.branch()));
                Snapshot s = store.snapshot(target);
                return new ReadView(s, schemaOf(s), Optional.empty());
            }
        }
    }

    /**
     * Runs a read query (languages.md §2.4–§2.6) on a branch head or a commit (time travel): compiles it against the
     * schema of the snapshot it reads, converts the parameters and executes it over the snapshot's columnar tables
     * with the handle's cached topology and scalar indexes. The result has the ReadOutput wire shape. Gate:
     * {@code read} on the branch (a commit: on the branch that authored it).
     *
     * @throws EngineException.Compile  {@code query_error} when the source does not parse or the query does not typecheck
     * @throws EngineException.Invalid  {@code unknown_query} (lists the available names), {@code invalid_input} (bad
     *                                  parameter — the message names it — or a mutation), {@code search_unavailable}
     *                                  (only with a ranker-less {@code ExecOptions}), {@code embedding_not_configured},
     *                                  {@code embedding_model_mismatch}, {@code embedding_failed} (String {@code nearest})
     * @throws EngineException.NotFound for an unknown branch or commit
     * @throws EngineException.ResourceLimit when an intermediate result exceeds {@link ExecOptions#maxRows()}
     */
    public QueryResult query(Optional<Actor> actor, QueryRequest request) {
        ReadView view = read(actor, request.target());
        // compiled plans are immutable and depend only on (schema, source, file name, query name)
        String planKey = view.schema().digest() + "\u0000" + request.fileName() + "\u0000"
                + request.queryName().orElse("") + "\u0000" + request.source();
        ReadQuery query = plans.getIfPresent(planKey);
        if (query == null) {
            query = ReadQueries.compile(request.source(), request.fileName(), request.queryName(), view.catalog());
            plans.put(planKey, query);
        }
        Map<String, Value> params = ReadQueries.params(query, request.params());
        QueryRows rows = QueryExecutor.execute(query, new SnapshotGraph(view.snapshot(), view.schema(), indexes,
                Optional.of(store.objectStore()), embedder), params, request.options());
        QueryTarget target = view.branch().map(QueryTarget::branch).orElseGet(() -> QueryTarget.snapshot(view.commitId()));
        return QueryResult.of(query.name(), target, rows, view.commitId());
    }

    /** Summary for observers: main's head, manifest version and accepted schema. Gate: {@code read} on main. */
    public GraphInfo info(Optional<Actor> actor) {
        ReadView v = read(actor, ReadTarget.branch(BranchNames.MAIN));
        String source = v.schema().source();
        return new GraphInfo(uri(), graphId(), store.stamp().formatVersion(), v.commitId(), v.snapshot().commit().version(),
                source, sha256Hex(source), v.schema().compiled().schemaDigest(), v.schema().digest());
    }

    /** {@code snapshot [--branch B]}: per-type entity counts at the head of a branch. Gate: {@code read} on it. */
    public SnapshotInfo snapshot(Optional<Actor> actor, String branch) {
        ReadView v = read(actor, ReadTarget.branch(branch));
        List<DatasetInfo> out = new ArrayList<>();
        for (EntityType t : v.schema().types()) {
            TableSchema ts = v.schema().table(t);
            TableState st = v.snapshot().tableState(ts.tableKey());
            long count = st.liveRowsEstimated() ? countIds(ts, st) : st.liveRows();
            out.add(new DatasetInfo(t.name(), ts.kind().text(), ts.tableKey(), Layout.SEGMENTS_PREFIX + ts.tableKey(),
                    st.version(), count, st.segments().size()));
        }
        return new SnapshotInfo(branch, v.commitId(), v.snapshot().commit().version(), FormatVersion.CURRENT, out);
    }

    private long countIds(TableSchema ts, TableState st) {
        return store.materializer().load(ts.idsOnly(), st).rowCount();
    }

    /** The accepted {@code .pg} source of a branch head (the schema is graph-wide). Gate: {@code read}. */
    public String schemaSource(Optional<Actor> actor, String branch) {
        enforce(actor, Action.READ, GateScope.none());
        Snapshot s = store.snapshot(ReadTarget.branch(branch));
        return schemaOf(s).source();
    }

    /** Public branch names, sorted (1 LIST). Gate: {@code read}. */
    public List<String> branches(Optional<Actor> actor) {
        enforce(actor, Action.READ, GateScope.none());
        return store.listBranches();
    }

    /** Commits of a branch's first-parent history, newest first (at most {@code limit}). Gate: {@code read} on it. */
    public List<CommitInfo> commits(Optional<Actor> actor, String branch, int limit) {
        enforce(actor, Action.READ, GateScope.onBranch(branch));
        BranchHead head = store.readBranch(branch);
        return store.log(head.headCommitId(), limit).stream().map(CommitInfo::of).toList();
    }

    /** One commit by id, or empty when unknown. Gate: {@code read}. */
    public Optional<CommitInfo> commit(Optional<Actor> actor, String commitId) {
        enforce(actor, Action.READ, GateScope.none());
        try {
            return Optional.of(CommitInfo.of(store.commit(commitId)));
        } catch (EngineException.NotFound e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the graph (or the given types) at a read target as NDJSON in the load format, {@code data.id} always
     * present, null properties omitted: node types then edge types, each in name order, rows in storage order.
     * Gate: {@code export} on the branch.
     *
     * @return the number of records written
     * @throws EngineException.NotFound for an unknown type name
     */
    public long export(Optional<Actor> actor, ReadTarget target, List<String> typeNames, OutputStream out) {
        String gateBranch = switch (target) {
            case ReadTarget.Branch b -> b.name();
            case ReadTarget.CommitId c -> store.commit(c.id()).branch();
        };
        enforce(actor, Action.EXPORT, GateScope.onBranch(gateBranch));
        Snapshot s = store.snapshot(target);
        GraphSchema schema = schemaOf(s);
        Set<String> wanted = new LinkedHashSet<>(typeNames);
        for (String name : wanted) {
            if (schema.nodeType(name).isEmpty() && schema.edgeType(name).isEmpty()) {
                throw new EngineException.NotFound("type", name);
            }
        }
        long records = 0;
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (EntityType t : schema.types()) {
                if (!wanted.isEmpty() && !wanted.contains(t.name())) {
                    continue;
                }
                TableData rows = s.table(schema.table(t).tableKey());
                records += exportTable(g, t, rows, out);
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("export failed: " + e.getMessage(), e);
        }
        return records;
    }

    private static long exportTable(JsonGenerator g, EntityType t, TableData rows, OutputStream out) throws IOException {
        boolean edge = t instanceof EdgeType;
        List<PropertyDef> props = t.properties();
        int offset = edge ? 3 : 1;
        for (int r = 0; r < rows.rowCount(); r++) {
            g.writeStartObject();
            if (edge) {
                g.writeStringField("edge", t.name());
                g.writeStringField("from", ((StringColumn) rows.column(1)).getString(r));
                g.writeStringField("to", ((StringColumn) rows.column(2)).getString(r));
            } else {
                g.writeStringField("type", t.name());
            }
            g.writeObjectFieldStart("data");
            g.writeStringField("id", rows.ids().getString(r));
            for (int i = 0; i < props.size(); i++) {
                Column c = rows.column(offset + i);
                if (c.isNull(r)) {
                    continue;
                }
                PropertyDef p = props.get(i);
                g.writeFieldName(p.name());
                g.writeTree(Values.toJson(Cells.read(c, r, p.type()), p.type(), Values.NumberStyle.NATIVE));
            }
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }
        return rows.rowCount();
    }

    // ------------------------------------------------------------------------------------------------ branches

    /**
     * Creates {@code name} at the head of branch {@code from} (or at commit {@code from} when no branch has that name
     * and it is a commit id): 2 store requests, no commit. Gate: {@code branch_create} from → name.
     */
    public BranchInfo createBranch(Optional<Actor> actor, String name, String from) {
        BranchNames.checkMutable(name, "created");
        String source = from.isEmpty() ? BranchNames.MAIN : from;
        Optional<BranchHead> src = BranchNames.isValid(source) ? store.findBranch(source) : Optional.empty();
        if (src.isPresent()) {
            enforce(actor, Action.BRANCH_CREATE, GateScope.fromTo(source, name));
            BranchHead h = store.createBranchAt(name, src.get());
            return new BranchInfo(name, source, h.headCommitId());
        }
        if (io.omnigraph.engine.format.Ulid.isValid(from)) {
            Commit c = store.commit(from);
            enforce(actor, Action.BRANCH_CREATE, GateScope.fromTo(c.branch(), name));
            BranchHead h = store.createBranch(name, ReadTarget.commit(from));
            return new BranchInfo(name, from, h.headCommitId());
        }
        throw new EngineException.NotFound("branch", from);
    }

    /** Deletes a branch ref (2 store requests; main refused). Gate: {@code branch_delete} targeting it. */
    public void deleteBranch(Optional<Actor> actor, String name) {
        BranchNames.checkMutable(name, "deleted");
        enforce(actor, Action.BRANCH_DELETE, GateScope.targeting(name));
        store.deleteBranch(name);
    }

    // ------------------------------------------------------------------------------------------------ load

    /**
     * Loads NDJSON (languages.md §3): strict parse streamed into columns, classification against the branch head,
     * integrity validation, one commit. Gates: {@code change} on the branch, plus {@code branch_create} (from → branch)
     * when the branch is created. Nothing is published on any error; a branch created for the load is removed again.
     */
    /** The store's ULIDs as a load's id minter: the bulk edge path appends them to the id column as bytes. */
    private io.omnigraph.engine.load.IdMinter loadIds() {
        byte[] scratch = new byte[26];
        return new io.omnigraph.engine.load.IdMinter() {
            @Override
            public String get() {
                return store.newId();
            }

            @Override
            public void appendNext(io.omnigraph.engine.table.ColumnBuilder.Strings ids) {
                store.newIdAscii(scratch, 0);
                ids.appendBytes(scratch, 0, scratch.length);
            }
        };
    }

    public LoadResult load(Optional<Actor> actor, LoadRequest request) {
        String branch = request.branch();
        BranchNames.check(branch);
        enforce(actor, Action.CHANGE, GateScope.onBranch(branch));
        Optional<BranchHead> existing = store.findBranch(branch);
        BranchHead base;
        boolean create = existing.isEmpty();
        if (create) {
            String from = request.from().orElseThrow(() -> new EngineException.NotFound("branch", branch));
            BranchNames.checkMutable(branch, "created");
            enforce(actor, Action.BRANCH_CREATE, GateScope.fromTo(from, branch));
            base = store.readBranch(from);
        } else {
            base = existing.get();
        }
        Snapshot snap = store.snapshot(base);
        GraphSchema schema = schemaOf(snap);
        boolean computeEmbeddings = request.embed() == io.omnigraph.engine.load.EmbedMode.AUTO && embedder.isPresent();
        ParsedLoad parsed = NdjsonParser.parse(schema, request.input(), request.mode(), request.limits(), request.progress(),
                loadIds(), computeEmbeddings);
        if (computeEmbeddings && parsed.needsEmbedding()) {
            // provider calls happen here, before any draft is built or branch created (never while holding anything)
            request.progress().phase("embed");
            parsed = io.omnigraph.engine.embed.EmbedFill.fill(parsed, embedder.get());
        }
        Optional<String> actorId = actor.map(Actor::id);
        String message = request.message().orElse("load " + request.mode().wire());
        BranchHead target = base;
        boolean created = false;
        try {
            for (int attempt = 1; ; attempt++) {
                request.progress().phase("validate");
                LoadBinder.BoundLoad bound = LoadBinder.bind(parsed, schema, snap);
                request.progress().phase("write");
                CommitDraft draft = bound.writes().toDraft(store, "load", message, actorId, WriteSet.DEFAULT_MAX_SEGMENT_ROWS);
                if (create && !created) {
                    target = store.createBranchAt(branch, base);
                    created = true;
                }
                request.progress().phase("publish");
                try {
                    PublishResult r = store.publish(PublishRequest.of(target, draft));
                    return loadResult(request, created, bound, actorId, r.commit(), parsed);
                } catch (EngineException.ReadSetConflict e) {
                    if (request.mode() == LoadMode.OVERWRITE || attempt >= WRITE_ATTEMPTS) {
                        throw e;
                    }
                    target = store.readBranch(branch);
                    snap = store.snapshot(target);
                    if (!snap.schema().digest().equals(schema.digest())) {
                        throw e;
                    }
                }
            }
        } catch (EngineException.KeyConflict e) {
            cleanupCreated(created, branch);
            throw typed(e, schema);
        } catch (RuntimeException e) {
            cleanupCreated(created, branch);
            throw e;
        }
    }

    private void cleanupCreated(boolean created, String branch) {
        if (!created) {
            return;
        }
        try {
            store.deleteBranch(branch);
        } catch (RuntimeException ignored) {
            // best effort: an empty branch at the base head is harmless, and delete is idempotent for the user
        }
    }

    private LoadResult loadResult(LoadRequest request, boolean created, LoadBinder.BoundLoad bound, Optional<String> actorId,
                                  Commit commit, ParsedLoad parsed) {
        List<TypeCount> nodes = new ArrayList<>();
        List<TypeCount> edges = new ArrayList<>();
        long total = 0;
        for (Map.Entry<EntityType, Long> e : bound.counts().entrySet()) {
            TypeCount tc = new TypeCount(e.getKey().name(), e.getValue());
            (e.getKey() instanceof NodeType ? nodes : edges).add(tc);
            total += e.getValue();
        }
        nodes.sort(java.util.Comparator.comparing(TypeCount::name));
        edges.sort(java.util.Comparator.comparing(TypeCount::name));
        return new LoadResult(request.branch(), request.from(), created, request.mode(), nodes, edges, total, actorId,
                CommitInfo.of(commit), parsed.lines(), parsed.bytes());
    }

    private static EngineException.KeyConflict typed(EngineException.KeyConflict e, GraphSchema schema) {
        if (e.typeName().isPresent()) {
            return e;
        }
        return schema.typeOfTable(e.tableKey()).map(t -> e.withType(t.name(), t.kind().label())).orElse(e);
    }

    // ------------------------------------------------------------------------------------------------ mutate

    /**
     * Runs a {@code .gq} mutation (languages.md §2.7): compiled against the branch head's schema, executed with
     * read-your-writes staging, validated, published as one commit when at least one entity is affected.
     * {@code ifCommit} makes any other head a {@code precondition_failed} with zero effect. An insert-only mutation
     * that loses a race is re-run on the new head (up to {@link #WRITE_ATTEMPTS}). Gate: {@code change} on the branch.
     */
    public MutationResult mutate(Optional<Actor> actor, MutationRequest request) {
        String branch = request.branch();
        BranchNames.check(branch);
        enforce(actor, Action.CHANGE, GateScope.onBranch(branch));
        Optional<String> actorId = actor.map(Actor::id);
        QueryFile file;
        try {
            file = QueryCompiler.parse(request.source(), request.fileName());
        } catch (CompileException e) {
            throw new EngineException.Compile(EngineErrorCode.QUERY_ERROR, e);
        }
        for (int attempt = 1; ; attempt++) {
            BranchHead head = store.readBranch(branch);
            if (request.ifCommit().isPresent() && !request.ifCommit().get().equals(head.headCommitId())) {
                throw new EngineException.PreconditionFailed(branch, request.ifCommit().get(), head.headCommitId());
            }
            Snapshot snap = store.snapshot(head);
            GraphSchema schema = schemaOf(snap);
            MutationQuery query = compileMutation(file, request.queryName(), schema);
            Map<String, Value> params;
            try {
                params = Params.convert(query.params(), request.params().orElse(null));
            } catch (ValueException e) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "params", e.getMessage());
            }
            MutationExecutor.Outcome outcome = MutationExecutor.execute(schema, snap, query, params, store::newId,
                    store.options().clock().nowMillis(), embedder);
            if (!outcome.affectedAnything()) {
                return new MutationResult(branch, query.name(), 0, 0, actorId, Optional.empty());
            }
            CommitDraft draft = outcome.writes().toDraft(store, "mutation", "mutation " + query.name(), actorId,
                    WriteSet.DEFAULT_MAX_SEGMENT_ROWS);
            PublishRequest pr = PublishRequest.of(head, draft);
            if (request.ifCommit().isPresent()) {
                pr = pr.ifHead(request.ifCommit().get());
            }
            try {
                PublishResult r = store.publish(pr);
                return new MutationResult(branch, query.name(), outcome.affectedNodes(), outcome.affectedEdges(), actorId,
                        Optional.of(CommitInfo.of(r.commit())));
            } catch (EngineException.KeyConflict e) {
                throw typed(e, schema);
            } catch (EngineException.ReadSetConflict e) {
                if (!insertOnly(query) || request.ifCommit().isPresent() || attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean insertOnly(MutationQuery q) {
        return q.statements().stream().allMatch(s -> s instanceof MutationOp.InsertNode || s instanceof MutationOp.InsertEdge);
    }

    private static MutationQuery compileMutation(QueryFile file, Optional<String> name, GraphSchema schema) {
        String chosen;
        if (name.isPresent()) {
            chosen = name.get();
        } else if (file.queries().size() == 1) {
            chosen = file.queries().get(0).name();
        } else {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, file.fileName(), file.queries().isEmpty()
                    ? file.fileName() + " declares no query"
                    : file.fileName() + " declares " + file.queries().size() + " queries (" + String.join(", ", file.names())
                    + "); name the one to run");
        }
        QueryPlan plan;
        try {
            plan = QueryCompiler.typecheck(file, chosen, schema.catalog());
        } catch (CompileException e) {
            throw new EngineException.Compile(EngineErrorCode.QUERY_ERROR, e);
        }
        if (!(plan instanceof MutationQuery m)) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, chosen, "query '" + chosen
                    + "' is a read query; run it with `omnigraph query` (or POST /query), not as a mutation");
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ schema

    /**
     * Plans applying {@code desiredSource} to main without effects (for {@code schema plan}, {@code cluster plan}):
     * the migration against the accepted schema, and whether apply would refuse. Gate: {@code read} on main.
     *
     * @throws EngineException.Compile ({@code schema_error}) when the desired schema does not compile
     */
    public SchemaPlanResult planSchema(Optional<Actor> actor, String desiredSource, boolean allowDataLoss) {
        enforce(actor, Action.READ, GateScope.onBranch(BranchNames.MAIN));
        BranchHead head = store.readBranch(BranchNames.MAIN);
        Snapshot snap = store.snapshot(head);
        MigrationPlanner.SchemaMigration m = migration(schemaOf(snap), desiredSource, allowDataLoss);
        return planResult(m.plan(), snap.commit().version());
    }

    private SchemaPlanResult planResult(MigrationPlan plan, long version) {
        if (!plan.supported()) {
            return new SchemaPlanResult(plan, version, Optional.of(EngineErrorCode.SCHEMA_UNSUPPORTED), plan.refusal(), List.of());
        }
        if (plan.isEmpty()) {
            return new SchemaPlanResult(plan, version, Optional.empty(), Optional.empty(), List.of());
        }
        List<String> others = store.listBranches().stream().filter(b -> !b.equals(BranchNames.MAIN)).toList();
        if (!others.isEmpty()) {
            return new SchemaPlanResult(plan, version, Optional.of(EngineErrorCode.SCHEMA_APPLY_BLOCKED),
                    Optional.of(blockedMessage(others)), others);
        }
        return new SchemaPlanResult(plan, version, Optional.empty(), Optional.empty(), List.of());
    }

    private static String blockedMessage(List<String> others) {
        return "schema apply requires a graph with only main; found non-main branches: " + String.join(", ", others)
                + " (merge or delete them first)";
    }

    private static MigrationPlanner.SchemaMigration migration(GraphSchema current, String source, boolean allowDataLoss) {
        try {
            return MigrationPlanner.plan(current.compiled(), source, "schema.pg", allowDataLoss);
        } catch (CompileException e) {
            throw new EngineException.Compile(EngineErrorCode.SCHEMA_ERROR, e);
        }
    }

    /**
     * Applies a schema to main as one commit (languages.md §1.7, engine.md §2.4): supported steps only (else
     * {@code schema_migration_unsupported} with the planner's {@code [CODE] reason}); main must be the only branch
     * ({@code schema_apply_blocked}); an empty plan is a no-op ({@code applied == false}, no commit). Renames keep
     * tables, added types start empty, soft drops keep old data readable at older commits; hard drops
     * ({@code allowDataLoss}) also delete the dropped data's segments and rewrite tables that lost a property, so
     * older commits can no longer read them. Gate: {@code schema_apply} targeting main.
     */
    public SchemaApplyResult applySchema(Optional<Actor> actor, String desiredSource, boolean allowDataLoss) {
        enforce(actor, Action.SCHEMA_APPLY, GateScope.targeting(BranchNames.MAIN));
        BranchHead head = store.readBranch(BranchNames.MAIN);
        Snapshot snap = store.snapshot(head);
        GraphSchema current = schemaOf(snap);
        MigrationPlanner.SchemaMigration m = migration(current, desiredSource, allowDataLoss);
        SchemaPlanResult check = planResult(m.plan(), snap.commit().version());
        if (check.refusalCode().isPresent()) {
            throw new EngineException.Invalid(check.refusalCode().get(), "schema", check.refusal().orElseThrow());
        }
        if (m.plan().isEmpty()) {
            return new SchemaApplyResult(true, false, m.plan(), snap.commit().version(), Optional.empty());
        }
        GraphSchema desired = GraphSchema.of(m.desired());
        CommitDraft.Builder b = CommitDraft.builder("schema_apply")
                .message("schema apply: " + m.plan().steps().size() + " step(s)")
                .actor(actor.map(Actor::id))
                .newSchema(desired.object());
        List<String> reclaim = new ArrayList<>();
        if (allowDataLoss) {
            hardDrops(m.plan(), current, desired, snap, b, reclaim);
        }
        PublishResult r = store.publish(PublishRequest.of(head, b.build()));
        schemas.put(desired.digest(), desired);
        for (String key : reclaim) {
            try {
                store.objectStore().delete(key);
            } catch (StoreException ignored) {
                // best effort; cleanup reclaims what is left
            }
        }
        return new SchemaApplyResult(true, true, m.plan(), r.commit().version(), Optional.of(CommitInfo.of(r.commit())));
    }

    /** Hard drops: dropped types' segments are reclaimed; tables that lost a property are rewritten without it. */
    private void hardDrops(MigrationPlan plan, GraphSchema current, GraphSchema desired, Snapshot snap,
                           CommitDraft.Builder b, List<String> reclaim) {
        Set<String> rewritten = new LinkedHashSet<>();
        for (MigrationStep step : plan.steps()) {
            switch (step) {
                case MigrationStep.DropType d -> typeByName(current, d.name()).ifPresent(t -> {
                    String key = GraphSchema.tableKey(t);
                    snap.tableState(key).segments().forEach(s -> reclaim.add(Layout.segment(key, s.id())));
                });
                case MigrationStep.DropProperty d -> {
                    Optional<EntityType> t = typeByName(desired, d.typeName()).or(() -> typeByName(current, d.typeName()));
                    t.ifPresent(type -> rewritten.add(GraphSchema.tableKey(type)));
                }
                default -> {
                }
            }
        }
        for (String key : rewritten) {
            Optional<TableSchema> newTable = desired.object().table(key);
            if (newTable.isEmpty() || !snap.tableKeys().contains(key)) {
                continue;
            }
            TableState st = snap.tableState(key);
            TableData data = store.materializer().load(newTable.get(), st);
            List<PendingSegment> segs = data.rowCount() == 0 ? List.of() : List.of(store.encodeData(data));
            b.replace(key, segs, data.rowCount());
            for (SegmentRef s : st.segments()) {
                reclaim.add(Layout.segment(key, s.id()));
            }
        }
    }

    private static Optional<EntityType> typeByName(GraphSchema schema, String name) {
        return schema.types().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
