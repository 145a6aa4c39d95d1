package io.omnigraph.server.cluster;

import io.omnigraph.engine.history.SidePaint;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.server.port.QueryCall;
import io.omnigraph.engine.api.BranchMergeRequest;
import io.omnigraph.engine.api.BranchMergeResult;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.DatasetInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.embed.Embedder;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.api.SnapshotInfo;
import io.omnigraph.engine.api.TypeCount;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.diff.BaselineResult;
import io.omnigraph.engine.diff.ChangeCause;
import io.omnigraph.engine.diff.ChangeJson;
import io.omnigraph.engine.diff.CommitChangesPage;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.diff.EntityImage;
import io.omnigraph.engine.diff.FeedPage;
import io.omnigraph.engine.diff.FeedRequest;
import io.omnigraph.engine.diff.PageSpec;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Ulid;
import io.omnigraph.engine.load.LoadLimits;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.ResultColumn;
import io.omnigraph.engine.load.LoadProgress;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.gate.PolicyGate;
import io.omnigraph.server.api.BranchCreateOutput;
import io.omnigraph.server.api.BranchDeleteOutput;
import io.omnigraph.server.api.BranchDiffOutput;
import io.omnigraph.server.api.BranchMergeOutcome;
import io.omnigraph.server.api.ChangeBaselineOutput;
import io.omnigraph.server.api.ChangeBlockOutput;
import io.omnigraph.server.api.ChangeCauseOutput;
import io.omnigraph.server.api.ChangeEndpointsOutput;
import io.omnigraph.server.api.ChangeImageOutput;
import io.omnigraph.server.api.ChangeTypeOutput;
import io.omnigraph.server.api.EntityChangeOutput;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.api.ChangeFeedOutput;
import io.omnigraph.server.api.ChangeOutput;
import io.omnigraph.server.api.CommitChangesOutput;
import io.omnigraph.server.api.CommitOutput;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.api.GraphBatchDeclarationOutput;
import io.omnigraph.server.api.IngestOutput;
import io.omnigraph.server.api.LoadMode;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.api.ReadOutput;
import io.omnigraph.server.api.ReadTargetOutput;
import io.omnigraph.server.api.SnapshotDatasetOutput;
import io.omnigraph.server.api.SnapshotOutput;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.port.BaselineCapture;
import io.omnigraph.server.port.BlobHandle;
import io.omnigraph.server.port.BlobLocator;
import io.omnigraph.server.port.ChangeFeedRequest;
import io.omnigraph.server.port.ChangeFilter;
import io.omnigraph.server.port.ChangePageRequest;
import io.omnigraph.server.port.Failure;
import io.omnigraph.server.port.FeedPosition;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.LoadCall;
import io.omnigraph.server.port.MutationCall;
import io.omnigraph.server.port.ServiceException;
import io.omnigraph.server.port.StoredQuery;
import io.omnigraph.server.port.StreamingBody;
import io.omnigraph.server.port.Writer;
import io.omnigraph.storage.StoreException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link GraphService} over one opened engine {@link Graph}: a thin mapping between the wire DTOs and the engine
 * facade, with engine errors mapped by {@link EngineFailures}.
 *
 * <p>Two views of the same handle (same caches): reads run on the handle as opened (no engine-layer gate — the HTTP
 * layer has gated them with the very same bundle, and the port passes no actor for reads); writes run on
 * {@code graph.withGate(gate)} with the actor from the bearer token, so the engine-layer gate of spec §5.4 and the
 * HTTP gate decide from the same compiled Cedar policies. Thread-safe: the engine handle is.
 */
public final class EngineGraphService implements GraphService {

    private final String graphId;
    private final String uri;
    private final GraphHandle handle;
    private final Graph reader;
    private final Graph writer;
    private final Optional<AccessPolicy> policy;
    private final StoredQueryRegistry registry;
    private final Optional<EmbeddingConfig> embedding;
    private final ExternalBlobAccess blobs;

    EngineGraphService(String graphId, String uri, GraphHandle handle, PolicyGate gate, Optional<AccessPolicy> policy,
                       StoredQueryRegistry registry, Optional<EmbeddingConfig> embedding, ExternalBlobAccess blobs) {
        this(graphId, uri, handle, gate, policy, registry, embedding, Optional.empty(), blobs);
    }

    /**
     * @param embedder the engine embedder built from {@code embedding} (installed on both views: String
     *                 {@code nearest} queries and {@code @embed} fills on load and mutation use it)
     */
    EngineGraphService(String graphId, String uri, GraphHandle handle, PolicyGate gate, Optional<AccessPolicy> policy,
                       StoredQueryRegistry registry, Optional<EmbeddingConfig> embedding, Optional<Embedder> embedder,
                       ExternalBlobAccess blobs) {
        this.graphId = Objects.requireNonNull(graphId, "graphId");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.handle = Objects.requireNonNull(handle, "handle");
        Graph read = handle.graph().withGate(PolicyGate.unrestricted());
        Graph write = handle.graph().withGate(Objects.requireNonNull(gate, "gate"));
        this.reader = embedder.map(read::withEmbedder).orElse(read);
        this.writer = embedder.map(write::withEmbedder).orElse(write);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.embedding = Objects.requireNonNull(embedding, "embedding");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /**
     * A service over a graph opened directly from its storage (the embedded {@code omnigraph mcp --store}): no policy
     * bundle, no stored queries, unrestricted engine gate, external blobs denied. The caller keeps ownership of
     * {@code graph} and closes it.
     */
    public static EngineGraphService direct(String graphId, String uri, Graph graph) {
        return new EngineGraphService(graphId, uri, new GraphHandle(graphId, uri, graph), PolicyGate.unrestricted(),
                Optional.empty(), StoredQueryRegistry.empty(), Optional.empty(), ExternalBlobAccess.deny());
    }

    /** The engine handle (shared with a successor runtime when the graph did not change). */
    GraphHandle handle() {
        return handle;
    }

    /** The engine-layer gate installed on writes. */
    public PolicyGate gate() {
        return writer.gate();
    }

    public StoredQueryRegistry registry() {
        return registry;
    }

    public Optional<EmbeddingConfig> embedding() {
        return embedding;
    }

    /** The embedder installed on the graph views, if any. */
    public Optional<Embedder> embedder() {
        return reader.embedder();
    }

    @Override
    public String graphId() {
        return graphId;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public Optional<AccessPolicy> policy() {
        return policy;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public SnapshotOutput snapshot(String branch) {
        SnapshotInfo s = call(() -> reader.snapshot(Optional.empty(), branch));
        return new SnapshotOutput(s.graphBranch(), s.graphManifestVersion(), s.internalSchemaVersion(),
                s.datasets().stream().map(EngineGraphService::dataset).toList());
    }

    private static SnapshotDatasetOutput dataset(DatasetInfo d) {
        return new SnapshotDatasetOutput(d.typeName(), d.entityKind().equals("edge") ? EntityKind.EDGE : EntityKind.NODE,
                d.datasetPath(), d.publishedDatasetVersion(), d.entityCount(), Optional.empty());
    }

    @Override
    public String snapshotBranch(String snapshotId) {
        checkSnapshotId(snapshotId);
        return call(() -> {
            try {
                return reader.store().commit(snapshotId).branch();
            } catch (EngineException.NotFound e) {
                throw new ServiceException(new Failure.NotFound("snapshot '" + snapshotId + "' not found"));
            }
        });
    }

    private static void checkSnapshotId(String snapshotId) {
        if (!Ulid.isValid(snapshotId)) {
            throw ServiceException.badRequest("invalid snapshot id '" + clip(snapshotId) + "': a snapshot id is the"
                    + " graph_commit_id of a commit (26 characters, Crockford base32)");
        }
    }

    @Override
    public boolean branchExists(String branch) {
        if (!BranchNames.isValid(branch)) {
            return false;
        }
        return call(() -> reader.store().findBranch(branch).isPresent());
    }

    @Override
    public ReadOutput query(QueryCall call) {
        return runRead(new QueryRequest(call.source(), "<request>", call.name(), call.params(), engineTarget(call.target()),
                ExecOptions.defaults()));
    }

    private ReadOutput runRead(QueryRequest request) {
        QueryResult r;
        try {
            r = reader.query(Optional.empty(), request);
        } catch (EngineException.NotFound e) {
            if (request.target() instanceof ReadTarget.CommitId c && e.kind().equals("commit")) {
                throw ServiceException.notFound("snapshot '" + c.id() + "' not found");
            }
            throw EngineFailures.map(e);
        } catch (EngineException.Invalid e) {
            throw switch (e.code()) {
                // compile, parameter and query-selection errors name their place already
                case QUERY_ERROR, UNKNOWN_QUERY, INVALID_INPUT, INVALID_BRANCH_NAME -> EngineFailures.map(e);
                // anything else was raised while executing
                default -> new ServiceException(new Failure.BadRequest("query: " + e.getMessage()), e);
            };
        } catch (EngineException e) {
            throw EngineFailures.map(e);
        } catch (StoreException e) {
            throw EngineFailures.map(e);
        }
        return new ReadOutput(r.queryName(), new ReadTargetOutput(r.target().branch(), r.target().snapshot()),
                r.rowCount(), r.columns().stream().map(ResultColumn::name).toList(),
                io.omnigraph.engine.output.ReadOutput.rows(r, Values.NumberStyle.NATIVE), r.graphCommitId());
    }

    private static ReadTarget engineTarget(io.omnigraph.server.port.ReadTarget target) {
        return switch (target) {
            case io.omnigraph.server.port.ReadTarget.OnBranch b -> ReadTarget.branch(b.branch());
            case io.omnigraph.server.port.ReadTarget.AtSnapshot at -> {
                checkSnapshotId(at.snapshotId());
                yield ReadTarget.commit(at.snapshotId());
            }
        };
    }

    private ReadView view(io.omnigraph.server.port.ReadTarget target) {
        return call(() -> switch (target) {
            case io.omnigraph.server.port.ReadTarget.OnBranch b -> reader.read(Optional.empty(), ReadTarget.branch(b.branch()));
            case io.omnigraph.server.port.ReadTarget.AtSnapshot at -> {
                checkSnapshotId(at.snapshotId());
                try {
                    yield reader.read(Optional.empty(), ReadTarget.commit(at.snapshotId()));
                } catch (EngineException.NotFound e) {
                    throw ServiceException.notFound("snapshot '" + at.snapshotId() + "' not found");
                }
            }
        });
    }

    @Override
    public StreamingBody export(String branch, List<String> typeNames) {
        // validate before the 200 is committed: unknown branch or type is a normal 404
        ReadView view = call(() -> reader.read(Optional.empty(), ReadTarget.branch(branch)));
        for (String t : typeNames) {
            if (view.schema().nodeType(t).isEmpty() && view.schema().edgeType(t).isEmpty()) {
                throw ServiceException.notFound("type '" + clip(t) + "' not found in the schema of graph '" + graphId
                        + "'");
            }
        }
        String commitId = view.commitId();
        return out -> call(() -> reader.export(Optional.empty(), ReadTarget.commit(commitId), typeNames, out));
    }

    @Override
    public List<String> branches() {
        return call(() -> reader.branches(Optional.empty()));
    }

    /** Commit visits after which a branch diff reports ahead/behind as unknown. */
    static final int BRANCH_DIFF_WALK_LIMIT = 10_000;

    @Override
    public BranchDiffOutput branchDiff(String source, String target, boolean withChanges, int limit) {
        return call(() -> {
            BranchNames.check(source);
            BranchNames.check(target);
            var store = reader.store();
            io.omnigraph.engine.format.Commit src = store.commit(store.readBranch(source).headCommitId());
            io.omnigraph.engine.format.Commit tgt = store.commit(store.readBranch(target).headCommitId());
            Optional<io.omnigraph.engine.format.Commit> base = store.mergeBase(src.id(), tgt.id());
            Optional<SidePaint.Counts> counts = SidePaint.both(List.of(src), List.of(tgt), store::commit,
                    BRANCH_DIFF_WALK_LIMIT);
            List<EntityChangeOutput> changes = List.of();
            boolean truncated = false;
            if (withChanges) {
                String from = base.map(io.omnigraph.engine.format.Commit::id).orElse(tgt.id());
                List<EntityChange> all = from.equals(src.id()) ? List.of() : reader.history().diff(Optional.empty(),
                        ReadTarget.commit(from), ReadTarget.commit(src.id()),
                        io.omnigraph.engine.diff.ChangeFilter.all());
                truncated = all.size() > limit;
                changes = all.stream().limit(limit).map(EngineGraphService::change).toList();
            }
            return new BranchDiffOutput(source, target, src.id(), tgt.id(),
                    base.map(io.omnigraph.engine.format.Commit::id), counts.map(SidePaint.Counts::onlyA),
                    counts.map(SidePaint.Counts::onlyB), changes, truncated);
        });
    }

    @Override
    public List<CommitOutput> commits(String branch) {
        return call(() -> reader.commits(Optional.empty(), branch, Integer.MAX_VALUE)).stream()
                .map(EngineGraphService::commit).toList();
    }

    @Override
    public Optional<CommitOutput> commit(String commitId) {
        if (!Ulid.isValid(commitId)) {
            return Optional.empty();
        }
        return call(() -> reader.commit(Optional.empty(), commitId)).map(EngineGraphService::commit);
    }

    static CommitOutput commit(CommitInfo c) {
        return new CommitOutput(c.graphCommitId(), Optional.of(c.graphBranch()), c.graphManifestVersion(),
                c.parentCommitId(), c.mergedParentCommitId(), c.actorId(), c.createdAt(), Optional.ofNullable(c.operation()),
                Optional.ofNullable(c.message()));
    }

    @Override
    public CommitChangesOutput commitChanges(String commitId, ChangePageRequest page) {
        CommitChangesPage p = call(() -> reader.history().commitChanges(Optional.empty(), commitId, filter(page.filter()),
                pageSpec(page.limit()), page.pageToken()));
        return new CommitChangesOutput(cause(p.cause()), p.changes().stream().map(EngineGraphService::change).toList(),
                p.nextPageToken());
    }

    @Override
    public ChangeFeedOutput changes(ChangeFeedRequest request) {
        Optional<String> cursor = Optional.empty();
        Optional<String> start = Optional.empty();
        Optional<String> token = Optional.empty();
        if (request.position().isPresent()) {
            switch (request.position().get()) {
                case FeedPosition.Cursor c -> cursor = Optional.of(c.value());
                case FeedPosition.Start st -> start = Optional.of(st.value());
                case FeedPosition.PageToken t -> token = Optional.of(t.value());
            }
        }
        FeedRequest engine = new FeedRequest(request.branch(), cursor, start, token, pageSpec(request.limit()),
                filter(request.filter()));
        FeedPage p = call(() -> reader.history().poll(Optional.empty(), engine));
        return new ChangeFeedOutput(p.blocks().stream().map(b -> new ChangeBlockOutput(cause(b.cause()),
                b.changes().stream().map(EngineGraphService::change).toList())).toList(), p.nextPageToken(), p.cursor(),
                p.caughtUp());
    }

    @Override
    public BaselineCapture changeBaseline(String branch, ChangeFilter filter) {
        io.omnigraph.engine.diff.ChangeFilter engineFilter = filter(filter);
        // resolve the branch before the 200 is committed: an unknown branch is a normal 404
        call(() -> reader.read(Optional.empty(), ReadTarget.branch(branch)));
        return out -> {
            try {
                BaselineResult r = call(() -> reader.history().baseline(Optional.empty(), branch, engineFilter, record -> {
                    try {
                        out.write(WireJson.write(record));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
                return new ChangeBaselineOutput(r.snapshotCommitId(), r.resumeCursor());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }

    private static io.omnigraph.engine.diff.ChangeFilter filter(ChangeFilter f) {
        return call(() -> io.omnigraph.engine.diff.ChangeFilter.parse(f.kinds().stream().map(EntityKind::wire).toList(),
                f.types(), f.ops().stream().map(io.omnigraph.server.api.ChangeOp::wire).toList()));
    }

    private static PageSpec pageSpec(Optional<Long> limit) {
        return call(() -> PageSpec.of(limit.map(l -> (int) Math.min(l, Integer.MAX_VALUE))));
    }

    static ChangeCauseOutput cause(ChangeCause c) {
        return new ChangeCauseOutput(c.graphCommitId(), c.authoredBranch(), c.authoredAt(), c.actorId(),
                c.parentCommitId(), c.mergedParentCommitId());
    }

    static EntityChangeOutput change(EntityChange c) {
        return new EntityChangeOutput(c.id(), c.kind() == TableKind.EDGE ? EntityKind.EDGE : EntityKind.NODE,
                new ChangeTypeOutput(c.type().id(), c.type().name()), io.omnigraph.server.api.ChangeOp.fromWire(c.op().wire()),
                c.before().map(EngineGraphService::image), c.after().map(EngineGraphService::image));
    }

    private static ChangeImageOutput image(EntityImage i) {
        return new ChangeImageOutput(ChangeJson.image(i).get("properties"),
                i.endpoints().map(e -> new ChangeEndpointsOutput(e.from(), e.to())));
    }

    @Override
    public String schemaSource() {
        return call(() -> reader.schemaSource(Optional.empty(), BranchNames.MAIN));
    }

    @Override
    public BlobHandle blob(io.omnigraph.server.port.BlobLocator locator) {
        ReadView view = view(locator.target());
        return call(() -> resolveBlob(view, locator));
    }

    private BlobHandle resolveBlob(ReadView view, BlobLocator locator) {
        Optional<? extends EntityType> type = locator.entity() == EntityKind.NODE ? view.schema().nodeType(locator.type())
                : view.schema().edgeType(locator.type());
        if (type.isEmpty()) {
            throw ServiceException.notFound(locator.entity().wire() + " type '" + clip(locator.type()) + "' not found");
        }
        EntityType t = type.get();
        List<PropertyDef> props = t.properties();
        int index = -1;
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).name().equals(locator.property())) {
                index = i;
            }
        }
        if (index < 0) {
            throw ServiceException.notFound("property '" + clip(locator.property()) + "' not found on " + t.name());
        }
        TableData rows = view.table(t);
        int row = rows.rowOf(locator.id());
        if (row < 0) {
            throw ServiceException.notFound(t.name() + " '" + clip(locator.id()) + "' not found");
        }
        Column column = rows.column((t instanceof EdgeType ? 3 : 1) + index);
        PropertyDef p = props.get(index);
        Value value = column.isNull(row) ? null : Cells.read(column, row, p.type());
        if (value == null) {
            throw ServiceException.notFound(t.name() + " '" + clip(locator.id()) + "' has no value for '" + p.name() + "'");
        }
        if (!(value instanceof Value.Blob blob)) {
            throw ServiceException.badRequest("property '" + p.name() + "' of " + t.name() + " is not a Blob");
        }
        String snapshot = view.commitId();
        return switch (blob) {
            case Value.BlobBytes b -> {
                byte[] bytes = b.bytes();
                yield new BlobHandle.Managed(snapshot, sha256(bytes), bytes.length,
                        (offset, length) -> new ByteArrayInputStream(bytes, (int) offset, (int) length));
            }
            case Value.BlobUri u -> {
                if (!blobs.allows(u.uri())) {
                    throw new ServiceException(new Failure.ExternalBlobRefused("external blob '" + clip(u.uri())
                            + "' is not under a server_safe base of graph '" + graphId + "'s external_blobs policy;"
                            + " allow its base in cluster.yaml (scope: server_safe) and run `omnigraph cluster apply`"));
                }
                yield new BlobHandle.External(snapshot, u.uri());
            }
        };
    }

    // ----------------------------------------------------------------------------------------- stored queries

    @Override
    public List<QueryCatalogEntry> storedQueries() {
        return registry.catalog();
    }

    @Override
    public boolean exposedToMcp(String name) {
        return registry.exposedToMcp(name);
    }

    @Override
    public Optional<StoredQuery> storedQuery(String name) {
        return registry.storedQuery(name);
    }

    @Override
    public ReadOutput runStoredRead(String name, Optional<JsonNode> params, io.omnigraph.server.port.ReadTarget target) {
        StoredQueryRegistry.Entry e = registry.get(name)
                .orElseThrow(() -> ServiceException.notFound("stored query not found"));
        return runRead(new QueryRequest(e.source(), e.fileName(), Optional.of(name), params, engineTarget(target),
                ExecOptions.defaults()));
    }

    @Override
    public ChangeOutput runStoredMutation(String name, Optional<JsonNode> params, String branch, Writer w) {
        StoredQueryRegistry.Entry e = registry.get(name)
                .orElseThrow(() -> ServiceException.notFound("stored query not found"));
        return mutation(new MutationRequest(e.source(), e.fileName(), Optional.of(name), params, branch,
                w.ifGraphCommit()), w);
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Override
    public ChangeOutput mutate(MutationCall call) {
        return mutation(new MutationRequest(call.source(), "<request>", call.name(), call.params(), call.branch(),
                call.writer().ifGraphCommit()), call.writer());
    }

    private ChangeOutput mutation(MutationRequest request, Writer w) {
        MutationResult r = call(() -> writer.mutate(actor(w), request));
        return new ChangeOutput(r.branch(), r.queryName(), r.affectedNodes(), r.affectedEdges(), r.actorId(),
                r.commit().map(EngineGraphService::commit));
    }

    @Override
    public IngestOutput load(LoadCall call) {
        byte[] data = call.data().getBytes(StandardCharsets.UTF_8);
        LoadRequest request = new LoadRequest(new ByteArrayInputStream(data), call.branch(), call.from(),
                io.omnigraph.engine.load.LoadMode.valueOf(call.mode().name()), LoadLimits.SERVER, LoadProgress.NONE,
                Optional.empty());
        LoadResult r = call(() -> writer.load(actor(call.writer()), request));
        return new IngestOutput(uri, r.branch(), r.baseBranch(), r.branchCreated(), LoadMode.valueOf(r.mode().name()),
                r.nodes().stream().map(EngineGraphService::declaration).toList(),
                r.edges().stream().map(EngineGraphService::declaration).toList(), r.totalEntities(), r.actorId(),
                Optional.of(commit(r.commit())));
    }

    private static GraphBatchDeclarationOutput declaration(TypeCount c) {
        return new GraphBatchDeclarationOutput(c.name(), c.entitiesLoaded());
    }

    @Override
    public BranchCreateOutput createBranch(String name, String from, Writer w) {
        call(() -> writer.createBranch(actor(w), name, from));
        return new BranchCreateOutput(uri, from, name, w.actor());
    }

    @Override
    public BranchDeleteOutput deleteBranch(String name, Writer w) {
        call(() -> {
            writer.deleteBranch(actor(w), name);
            return null;
        });
        return new BranchDeleteOutput(uri, name, w.actor());
    }

    @Override
    public BranchMergeOutcome mergeBranch(String source, String target, Writer w) {
        BranchMergeResult r = call(() -> writer.history().merge(actor(w), BranchMergeRequest.of(source, target)));
        return switch (r.merge().outcome()) {
            case ALREADY_UP_TO_DATE -> BranchMergeOutcome.ALREADY_UP_TO_DATE;
            case FAST_FORWARD -> BranchMergeOutcome.FAST_FORWARD;
            case MERGED -> BranchMergeOutcome.MERGED;
        };
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Optional<Actor> actor(Writer w) {
        return w.actor().map(Actor::of);
    }

    /** Runs an engine call; engine and storage errors become typed failures. */
    private static <T> T call(Supplier<T> body) {
        try {
            return body.get();
        } catch (EngineException e) {
            throw EngineFailures.map(e);
        } catch (StoreException e) {
            throw EngineFailures.map(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    @Override
    public String toString() {
        return "graph '" + graphId + "' at " + uri;
    }
}
