package io.omnigraph.cli.plane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.api.BranchMergeRequest;
import io.omnigraph.engine.api.BranchMergeResult;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.DatasetInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.api.SchemaApplyResult;
import io.omnigraph.engine.api.SnapshotInfo;
import io.omnigraph.engine.api.TypeCount;
import io.omnigraph.engine.diff.BaselineResult;
import io.omnigraph.engine.diff.ChangeCause;
import io.omnigraph.engine.diff.ChangeFilter;
import io.omnigraph.engine.diff.ChangeJson;
import io.omnigraph.engine.diff.CommitChangesPage;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.diff.EntityImage;
import io.omnigraph.engine.diff.FeedPage;
import io.omnigraph.engine.diff.FeedRequest;
import io.omnigraph.engine.diff.PageSpec;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadLimits;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.load.LoadProgress;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.ResultColumn;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.policy.Actor;
import io.omnigraph.server.api.BranchCreateOutput;
import io.omnigraph.server.api.BranchDeleteOutput;
import io.omnigraph.server.api.BranchMergeOutcome;
import io.omnigraph.server.api.BranchMergeOutput;
import io.omnigraph.server.api.ChangeBlockOutput;
import io.omnigraph.server.api.ChangeCauseOutput;
import io.omnigraph.server.api.ChangeEndpointsOutput;
import io.omnigraph.server.api.ChangeFeedOutput;
import io.omnigraph.server.api.ChangeImageOutput;
import io.omnigraph.server.api.ChangeOp;
import io.omnigraph.server.api.ChangeOutput;
import io.omnigraph.server.api.ChangeTypeOutput;
import io.omnigraph.server.api.CommitChangesOutput;
import io.omnigraph.server.api.CommitOutput;
import io.omnigraph.server.api.EntityChangeOutput;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.api.GraphBatchDeclarationOutput;
import io.omnigraph.server.api.IngestOutput;
import io.omnigraph.server.api.ReadOutput;
import io.omnigraph.server.api.ReadTargetOutput;
import io.omnigraph.server.api.SchemaApplyOutput;
import io.omnigraph.server.api.SnapshotDatasetOutput;
import io.omnigraph.server.api.SnapshotOutput;
import io.omnigraph.server.api.WireJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded lane: the engine over a graph's storage, with the unrestricted gate (direct storage access), and
 * results mapped to the server's wire DTOs exactly as the server's engine adapter maps them.
 */
public final class EmbeddedPlane implements DataPlane {
    private final Graph graph;
    private final String uri;
    private ExecOptions execOptions = ExecOptions.defaults();

    public EmbeddedPlane(Graph graph, String uri) {
        this.graph = graph;
        this.uri = uri;
    }

    /** The engine handle (for embedded-only operations). */
    public Graph graph() {
        return graph;
    }

    /** Execution options of reads (the hidden {@code --index-mode}). */
    public EmbeddedPlane execOptions(ExecOptions options) {
        this.execOptions = options;
        return this;
    }

    @Override
    public String target() {
        return uri;
    }

    @Override
    public String lane() {
        return local() ? "direct, local" : "direct, remote";
    }

    @Override
    public boolean local() {
        return !uri.contains("://") || uri.startsWith("file://");
    }

    static JsonNode tree(Object dto) {
        return WireJson.mapper().valueToTree(dto);
    }

    private static Optional<Actor> actor(Optional<String> id) {
        return id.map(Actor::of);
    }

    @Override
    public JsonNode snapshot(String branch) {
        SnapshotInfo s = graph.snapshot(Optional.empty(), branch);
        return tree(new SnapshotOutput(s.graphBranch(), s.graphManifestVersion(), s.internalSchemaVersion(),
                s.datasets().stream().map(EmbeddedPlane::dataset).toList()));
    }

    private static SnapshotDatasetOutput dataset(DatasetInfo d) {
        return new SnapshotDatasetOutput(d.typeName(), d.entityKind().equals("edge") ? EntityKind.EDGE : EntityKind.NODE,
                d.datasetPath(), d.publishedDatasetVersion(), d.entityCount(), Optional.empty());
    }

    @Override
    public JsonNode query(String source, String fileName, Optional<String> name, Optional<JsonNode> params,
                          Optional<String> branch, Optional<String> snapshot) {
        ReadTarget t = snapshot.map(ReadTarget::commit).orElseGet(() -> ReadTarget.branch(branch.orElse("main")));
        QueryResult r = graph.query(Optional.empty(), new QueryRequest(source, fileName, name, params, t, execOptions));
        return tree(new ReadOutput(r.queryName(), new ReadTargetOutput(r.target().branch(), r.target().snapshot()),
                r.rowCount(), r.columns().stream().map(ResultColumn::name).toList(),
                io.omnigraph.engine.output.ReadOutput.rows(r, Values.NumberStyle.NATIVE), r.graphCommitId()));
    }

    @Override
    public JsonNode invoke(String name, Optional<JsonNode> params, Optional<String> branch, Optional<String> snapshot,
                           boolean expectMutation) {
        throw new io.omnigraph.cli.support.CliException("usage", "by-name invocation needs a server (stored queries are"
                + " served by omnigraph-server); pass the query source with --query F.gq or -e '<gq>', or address the"
                + " graph with --server <name|url> --graph <id>", io.omnigraph.cli.support.ExitCodes.USAGE);
    }

    @Override
    public JsonNode mutate(String source, String fileName, Optional<String> name, Optional<JsonNode> params, String branch,
                           Optional<String> ifCommit, Optional<String> actor) {
        MutationResult r = graph.mutate(actor(actor), new MutationRequest(source, fileName, name, params, branch, ifCommit));
        return tree(new ChangeOutput(r.branch(), r.queryName(), r.affectedNodes(), r.affectedEdges(), r.actorId(),
                r.commit().map(EmbeddedPlane::commit)));
    }

    static CommitOutput commit(CommitInfo c) {
        return new CommitOutput(c.graphCommitId(), Optional.of(c.graphBranch()), c.graphManifestVersion(),
                c.parentCommitId(), c.mergedParentCommitId(), c.actorId(), c.createdAt(), Optional.ofNullable(c.operation()),
                Optional.ofNullable(c.message()));
    }

    @Override
    public JsonNode load(InputStream ndjson, String branch, Optional<String> from, String mode, Optional<String> actor,
                         LoadProgress progress) {
        LoadMode m = LoadMode.parse(mode).orElseThrow(() -> new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT,
                "--mode", "--mode must be overwrite, append or merge, got '" + mode + "'"));
        LoadResult r = graph.load(actor(actor), new LoadRequest(ndjson, branch, from, m, LoadLimits.UNBOUNDED, progress,
                Optional.empty()));
        return tree(new IngestOutput(uri, r.branch(), r.baseBranch(), r.branchCreated(),
                io.omnigraph.server.api.LoadMode.valueOf(r.mode().name()),
                r.nodes().stream().map(EmbeddedPlane::declaration).toList(),
                r.edges().stream().map(EmbeddedPlane::declaration).toList(), r.totalEntities(), r.actorId(),
                Optional.of(commit(r.commit()))));
    }

    private static GraphBatchDeclarationOutput declaration(TypeCount c) {
        return new GraphBatchDeclarationOutput(c.name(), c.entitiesLoaded());
    }

    @Override
    public void export(Optional<String> branch, Optional<String> snapshot, List<String> types, OutputStream out) {
        ReadTarget t = snapshot.map(ReadTarget::commit).orElseGet(() -> ReadTarget.branch(branch.orElse("main")));
        graph.export(Optional.empty(), t, types, out);
    }

    @Override
    public List<String> branches() {
        return graph.branches(Optional.empty());
    }

    @Override
    public JsonNode createBranch(String name, String from, Optional<String> actor) {
        graph.createBranch(actor(actor), name, from);
        return tree(new BranchCreateOutput(uri, from, name, actor));
    }

    @Override
    public JsonNode deleteBranch(String name, Optional<String> actor, Consumer<String> warnings) {
        // our branches do not depend on each other physically: never refused, but say what only it reaches
        Optional<Integer> unmerged = graph.history().unmergedCommits(actor(actor), name);
        graph.deleteBranch(actor(actor), name);
        io.omnigraph.engine.merge.UnmergedCommits.warning(name, unmerged).ifPresent(warnings);
        return tree(new BranchDeleteOutput(uri, name, actor));
    }

    @Override
    public JsonNode merge(String source, String into, boolean deleteBranch, Optional<String> actor) {
        BranchMergeResult r = graph.history().merge(actor(actor), new BranchMergeRequest(source, into, deleteBranch,
                Optional.empty()));
        BranchMergeOutcome outcome = switch (r.merge().outcome()) {
            case ALREADY_UP_TO_DATE -> BranchMergeOutcome.ALREADY_UP_TO_DATE;
            case FAST_FORWARD -> BranchMergeOutcome.FAST_FORWARD;
            case MERGED -> BranchMergeOutcome.MERGED;
        };
        return tree(new BranchMergeOutput(source, into, outcome, actor, deleteBranch ? r.branchDeleted() : Optional.empty(),
                r.branchDeleteError()));
    }

    @Override
    public List<JsonNode> commits(String branch, int limit) {
        return graph.commits(Optional.empty(), branch, limit).stream().map(c -> tree(commit(c))).toList();
    }

    @Override
    public Optional<JsonNode> commit(String id) {
        return graph.commit(Optional.empty(), id).map(c -> tree(commit(c)));
    }

    private static ChangeFilter filter(Filters f) {
        return ChangeFilter.parse(f.kinds(), f.types(), f.ops());
    }

    @Override
    public JsonNode commitChanges(String id, Filters filters, Optional<Integer> limit, Optional<String> pageToken) {
        CommitChangesPage p = graph.history().commitChanges(Optional.empty(), id, filter(filters), PageSpec.of(limit),
                pageToken);
        return tree(new CommitChangesOutput(cause(p.cause()), p.changes().stream().map(EmbeddedPlane::change).toList(),
                p.nextPageToken()));
    }

    @Override
    public JsonNode poll(String branch, Optional<String> cursor, Optional<String> start, Optional<String> pageToken,
                         Optional<Integer> limit, Filters filters) {
        FeedPage p = graph.history().poll(Optional.empty(), new FeedRequest(branch, cursor, start, pageToken,
                PageSpec.of(limit), filter(filters)));
        return tree(new ChangeFeedOutput(p.blocks().stream().map(b -> new ChangeBlockOutput(cause(b.cause()),
                b.changes().stream().map(EmbeddedPlane::change).toList())).toList(), p.nextPageToken(), p.cursor(),
                p.caughtUp()));
    }

    static ChangeCauseOutput cause(ChangeCause c) {
        return new ChangeCauseOutput(c.graphCommitId(), c.authoredBranch(), c.authoredAt(), c.actorId(),
                c.parentCommitId(), c.mergedParentCommitId());
    }

    static EntityChangeOutput change(EntityChange c) {
        return new EntityChangeOutput(c.id(), c.kind() == TableKind.EDGE ? EntityKind.EDGE : EntityKind.NODE,
                new ChangeTypeOutput(c.type().id(), c.type().name()), ChangeOp.fromWire(c.op().wire()),
                c.before().map(EmbeddedPlane::image), c.after().map(EmbeddedPlane::image));
    }

    private static ChangeImageOutput image(EntityImage i) {
        return new ChangeImageOutput(ChangeJson.image(i).get("properties"),
                i.endpoints().map(e -> new ChangeEndpointsOutput(e.from(), e.to())));
    }

    @Override
    public Baseline baseline(String branch, Filters filters, OutputStream records) {
        BaselineResult r = graph.history().baseline(Optional.empty(), branch, filter(filters), record -> {
            try {
                records.write(WireJson.write(record));
                records.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ObjectNode terminal = WireJson.mapper().createObjectNode();
        terminal.put("snapshot_commit_id", r.snapshotCommitId()).put("resume_cursor", r.resumeCursor());
        return new Baseline(terminal, r.records());
    }

    @Override
    public String schemaSource(String branch) {
        return graph.schemaSource(Optional.empty(), branch);
    }

    @Override
    public JsonNode applySchema(String source, boolean allowDataLoss, Optional<String> actor) {
        SchemaApplyResult r = graph.applySchema(actor(actor), source, allowDataLoss);
        return tree(new SchemaApplyOutput(uri, r.supported(), r.applied(), r.stepCount(), r.graphManifestVersion(),
                r.plan().steps().stream().map(s -> (JsonNode) s.toJson()).toList()));
    }

    @Override
    public BlobStat blobStat(BlobRef ref) {
        return resolveBlob(ref).stat();
    }

    @Override
    public BlobStat blobGet(BlobRef ref, long offset, Optional<Long> length, OutputStream out) {
        ResolvedBlob b = resolveBlob(ref);
        if (b.bytes().isEmpty()) {
            throw BlobText.external(ref, b.stat().location().orElseThrow());
        }
        byte[] bytes = b.bytes().get();
        long[] range = BlobText.range(offset, length, bytes.length);
        try {
            out.write(bytes, (int) range[0], (int) (range[1] - range[0]));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.stat();
    }

    private record ResolvedBlob(BlobStat stat, Optional<byte[]> bytes) {
    }

    /** The server's lookup (EngineGraphService#blob) over the engine, with the server's messages. */
    private ResolvedBlob resolveBlob(BlobRef ref) {
        ReadTarget t = ref.snapshot().map(ReadTarget::commit).orElseGet(() -> ReadTarget.branch(ref.branch().orElse("main")));
        io.omnigraph.engine.api.ReadView view = graph.read(Optional.empty(), t);
        boolean node = ref.entity().equals("node");
        Optional<? extends io.omnigraph.compiler.catalog.EntityType> type = node ? view.schema().nodeType(ref.type())
                : view.schema().edgeType(ref.type());
        if (type.isEmpty()) {
            throw new io.omnigraph.cli.support.CliException("not_found", ref.entity() + " type '" + ref.type() + "' not found");
        }
        io.omnigraph.compiler.catalog.EntityType et = type.get();
        List<io.omnigraph.compiler.schema.ir.PropertyDef> props = et.properties();
        int index = -1;
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).name().equals(ref.property())) {
                index = i;
            }
        }
        if (index < 0) {
            throw new io.omnigraph.cli.support.CliException("not_found", "property '" + ref.property() + "' not found on "
                    + et.name());
        }
        io.omnigraph.engine.table.TableData rows = view.table(et);
        int row = rows.rowOf(ref.id());
        if (row < 0) {
            throw new io.omnigraph.cli.support.CliException("not_found", et.name() + " '" + ref.id() + "' not found");
        }
        io.omnigraph.engine.table.Column column = rows.column((et instanceof io.omnigraph.compiler.catalog.EdgeType ? 3 : 1) + index);
        io.omnigraph.compiler.schema.ir.PropertyDef p = props.get(index);
        io.omnigraph.compiler.types.Value value = column.isNull(row) ? null
                : io.omnigraph.engine.catalog.Cells.read(column, row, p.type());
        if (value == null) {
            throw new io.omnigraph.cli.support.CliException("not_found", et.name() + " '" + ref.id() + "' has no value for '"
                    + p.name() + "'");
        }
        if (!(value instanceof io.omnigraph.compiler.types.Value.Blob blob)) {
            throw new io.omnigraph.cli.support.CliException("bad_request", "property '" + p.name() + "' of " + et.name()
                    + " is not a Blob");
        }
        String snapshot = view.commitId();
        return switch (blob) {
            case io.omnigraph.compiler.types.Value.BlobBytes b -> new ResolvedBlob(new BlobStat(snapshot,
                    Optional.of(BlobText.sha256(b.bytes())), Optional.of((long) b.bytes().length), Optional.empty()),
                    Optional.of(b.bytes()));
            case io.omnigraph.compiler.types.Value.BlobUri u -> new ResolvedBlob(new BlobStat(snapshot, Optional.empty(),
                    Optional.empty(), Optional.of(u.uri())), Optional.empty());
        };
    }

    @Override
    public void close() {
        graph.close();
    }
}
