package io.omnigraph.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.server.api.BranchCreateOutput;
import io.omnigraph.server.api.BranchDeleteOutput;
import io.omnigraph.server.api.BranchDiffOutput;
import io.omnigraph.server.api.BranchMergeOutcome;
import io.omnigraph.server.api.ChangeBaselineOutput;
import io.omnigraph.server.api.ChangeBlockOutput;
import io.omnigraph.server.api.ChangeCauseOutput;
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
import io.omnigraph.server.api.ParamDescriptor;
import io.omnigraph.server.api.ParamKind;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.api.ReadOutput;
import io.omnigraph.server.api.ReadTargetOutput;
import io.omnigraph.server.api.SnapshotDatasetOutput;
import io.omnigraph.server.api.SnapshotOutput;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.error.ChangeFeedGapOutput;
import io.omnigraph.server.error.MergeConflictOutput;
import io.omnigraph.server.error.PreconditionFailureOutput;
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
import io.omnigraph.server.port.QueryCall;
import io.omnigraph.server.port.ReadTarget;
import io.omnigraph.server.port.ServiceException;
import io.omnigraph.server.port.StoredQuery;
import io.omnigraph.server.port.StreamingBody;
import io.omnigraph.server.port.Writer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written in-memory {@link GraphService} for HTTP-layer tests. It keeps branches as lists of commits and
 * records what every backend call received (operation, actor, branch, precondition) so tests can check what
 * reached the backend. It does not parse GQ: a source containing {@code insert}/{@code update}/{@code delete} counts
 * as a mutation, and reads echo their parameters as the single row.
 */
public final class FakeGraph implements GraphService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long EPOCH_MICROS = 1_714_000_000_000_000L;

    /** One call that reached the backend. */
    public record Received(String operation, Optional<String> actor, String branch, Optional<String> ifGraphCommit,
                           String detail) {
    }

    private record StoredDef(QueryCatalogEntry entry) {
    }

    private final String id;
    private final String uri;
    private volatile Optional<AccessPolicy> policy = Optional.empty();
    private final Map<String, List<CommitOutput>> branches = new TreeMap<>();
    private final Map<String, StoredDef> stored = new LinkedHashMap<>();
    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private final Map<String, String> externalBlobs = new LinkedHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger commitCounter = new AtomicInteger();
    private volatile CountDownLatch writeGate;
    private final AtomicInteger writesWaiting = new AtomicInteger();
    private volatile int exportLines = 3;
    private volatile int exportFailAfter = -1;
    private volatile int exportPauseAfter = -1;
    private volatile CountDownLatch exportResume;

    public FakeGraph(String id) {
        this.id = id;
        this.uri = "mem://cluster/graphs/" + id + ".omni";
        synchronized (branches) {
            branches.put("main", new ArrayList<>(List.of(newCommit("main", Optional.empty(), Optional.empty()))));
        }
        storedRead("find_person", new ParamDescriptor("name", ParamKind.STRING, Optional.empty(), Optional.empty(), false));
        storedMutation("add_person", new ParamDescriptor("name", ParamKind.STRING, Optional.empty(), Optional.empty(), false));
    }

    // ------------------------------------------------------------------ setup

    public FakeGraph policy(AccessPolicy value) {
        this.policy = Optional.ofNullable(value);
        return this;
    }

    public FakeGraph storedRead(String name, ParamDescriptor... params) {
        stored.put(name, new StoredDef(new QueryCatalogEntry(name, name, Optional.of("read " + name), Optional.empty(),
                false, List.of(params))));
        return this;
    }

    public FakeGraph storedMutation(String name, ParamDescriptor... params) {
        stored.put(name, new StoredDef(new QueryCatalogEntry(name, name, Optional.empty(), Optional.empty(), true,
                List.of(params))));
        return this;
    }

    public FakeGraph blob(String type, String entityId, String property, byte[] bytes) {
        blobs.put(type + "/" + entityId + "/" + property, bytes.clone());
        return this;
    }

    public FakeGraph externalBlob(String type, String entityId, String property, String location) {
        externalBlobs.put(type + "/" + entityId + "/" + property, location);
        return this;
    }

    public FakeGraph branch(String name) {
        synchronized (branches) {
            branches.put(name, new ArrayList<>(branches.get("main")));
        }
        return this;
    }

    /** Export writes {@code lines} records; with {@code failAfter >= 0} it throws after that many. */
    public FakeGraph exportShape(int lines, int failAfter) {
        this.exportLines = lines;
        this.exportFailAfter = failAfter;
        return this;
    }

    /** Export pauses after {@code afterLines} lines (flushed) until the returned latch is counted down. */
    public CountDownLatch pauseExportAfter(int afterLines) {
        CountDownLatch latch = new CountDownLatch(1);
        this.exportResume = latch;
        this.exportPauseAfter = afterLines;
        return latch;
    }

    /** Until the returned latch is counted down, every write blocks inside the backend. */
    public CountDownLatch holdWrites() {
        CountDownLatch latch = new CountDownLatch(1);
        this.writeGate = latch;
        return latch;
    }

    /** Writes currently blocked by {@link #holdWrites()}. */
    public int writesWaiting() {
        return writesWaiting.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Optional<Received> lastReceived() {
        List<Received> r = received();
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(r.size() - 1));
    }

    public String head(String branch) {
        synchronized (branches) {
            return branches.get(branch).get(0).graphCommitId();
        }
    }

    // -------------------------------------------------------------- GraphService

    @Override
    public String graphId() {
        return id;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public Optional<AccessPolicy> policy() {
        return policy;
    }

    @Override
    public SnapshotOutput snapshot(String branch) {
        List<CommitOutput> commits = commitsOf(branch);
        received.add(new Received("snapshot", Optional.empty(), branch, Optional.empty(), ""));
        return new SnapshotOutput(branch, commits.size(), 1, List.of(new SnapshotDatasetOutput("Person",
                EntityKind.NODE, "segments/node-Person", commits.size(), 2, Optional.empty())));
    }

    @Override
    public String snapshotBranch(String snapshotId) {
        synchronized (branches) {
            for (Map.Entry<String, List<CommitOutput>> e : branches.entrySet()) {
                for (CommitOutput c : e.getValue()) {
                    if (c.graphCommitId().equals(snapshotId)) {
                        return c.graphBranch().orElse(e.getKey());
                    }
                }
            }
        }
        throw ServiceException.notFound("snapshot '" + snapshotId + "' not found");
    }

    @Override
    public boolean branchExists(String branch) {
        synchronized (branches) {
            return branches.containsKey(branch);
        }
    }

    @Override
    public ReadOutput query(QueryCall call) {
        if (isMutation(call.source())) {
            throw ServiceException.badRequest("the query is a mutation; use POST /graphs/" + id + "/mutate");
        }
        if (call.source().contains("syntax error")) {
            throw ServiceException.badRequest("parse error at 1:1: expected `query`");
        }
        return read(call.name().orElse("q"), call.params(), call.target());
    }

    @Override
    public StreamingBody export(String branch, List<String> typeNames) {
        commitsOf(branch);
        for (String t : typeNames) {
            if (!t.equals("Person") && !t.equals("Knows")) {
                throw ServiceException.badRequest("unknown type '" + t + "' in type_names");
            }
        }
        received.add(new Received("export", Optional.empty(), branch, Optional.empty(), String.join(",", typeNames)));
        int lines = exportLines;
        int failAfter = exportFailAfter;
        int pauseAfter = exportPauseAfter;
        CountDownLatch resume = exportResume;
        return out -> {
            for (int i = 0; i < lines; i++) {
                if (i == failAfter) {
                    throw new IOException("storage read failed (test)");
                }
                if (i == pauseAfter) {
                    out.flush();
                    try {
                        if (!resume.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("export was never resumed (test)");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                out.write(("{\"type\":\"Person\",\"data\":{\"name\":\"p" + i + "\",\"pad\":\"" + "x".repeat(200)
                        + "\"}}\n").getBytes(StandardCharsets.UTF_8));
                if (i % 100 == 0) {
                    out.flush();
                }
            }
        };
    }

    @Override
    public List<String> branches() {
        synchronized (branches) {
            return new ArrayList<>(branches.keySet()).reversed();
        }
    }

    @Override
    public List<CommitOutput> commits(String branch) {
        return List.copyOf(commitsOf(branch));
    }

    /** Commit-list comparison (newest first); the fake records no entity changes, so the diff is empty. */
    @Override
    public BranchDiffOutput branchDiff(String source, String target, boolean withChanges, int limit) {
        synchronized (branches) {
            List<CommitOutput> s = commitsOf(source);
            List<CommitOutput> t = commitsOf(target);
            java.util.Set<String> sIds = new java.util.HashSet<>();
            s.forEach(c -> sIds.add(c.graphCommitId()));
            java.util.Set<String> tIds = new java.util.HashSet<>();
            t.forEach(c -> tIds.add(c.graphCommitId()));
            Optional<String> base = s.stream().map(CommitOutput::graphCommitId).filter(tIds::contains).findFirst();
            return new BranchDiffOutput(source, target, s.get(0).graphCommitId(), t.get(0).graphCommitId(), base,
                    Optional.of(sIds.stream().filter(i -> !tIds.contains(i)).count()),
                    Optional.of(tIds.stream().filter(i -> !sIds.contains(i)).count()), List.of(), false);
        }
    }

    @Override
    public Optional<CommitOutput> commit(String commitId) {
        synchronized (branches) {
            return branches.values().stream().flatMap(List::stream)
                    .filter(c -> c.graphCommitId().equals(commitId)).findFirst();
        }
    }

    @Override
    public CommitChangesOutput commitChanges(String commitId, ChangePageRequest page) {
        CommitOutput c = commit(commitId).orElseThrow(() -> ServiceException.notFound("commit not found"));
        received.add(new Received("commitChanges", Optional.empty(), c.graphBranch().orElse(""), Optional.empty(),
                page.pageToken().orElse("") + "|" + page.limit().map(String::valueOf).orElse("")));
        return new CommitChangesOutput(cause(c), List.of(insertChange("p1")), Optional.empty());
    }

    @Override
    public ChangeFeedOutput changes(ChangeFeedRequest request) {
        List<CommitOutput> commits = commitsOf(request.branch());
        if (request.position().filter(p -> p instanceof FeedPosition.Cursor && p.value().equals("gone")).isPresent()) {
            throw new ServiceException(new Failure.ChangeFeedGap("the cursor is older than retained history; run"
                    + " the baseline handshake", new ChangeFeedGapOutput(Optional.of("gone"), commits.get(commits.size() - 1).graphCommitId())));
        }
        received.add(new Received("changes", Optional.empty(), request.branch(), Optional.empty(),
                request.position().map(p -> p.getClass().getSimpleName() + "=" + p.value()).orElse("")
                        + "|" + request.limit().map(String::valueOf).orElse("") + "|" + request.filter()));
        List<ChangeBlockOutput> blocks = commits.reversed().stream()
                .map(c -> new ChangeBlockOutput(cause(c), List.of(insertChange(c.graphCommitId())))).toList();
        return new ChangeFeedOutput(blocks, Optional.empty(), Optional.of("cursor-" + commits.get(0).graphCommitId()),
                Optional.of(true));
    }

    @Override
    public BaselineCapture changeBaseline(String branch, ChangeFilter filter) {
        List<CommitOutput> commits = commitsOf(branch);
        received.add(new Received("baseline", Optional.empty(), branch, Optional.empty(), filter.toString()));
        String head = commits.get(0).graphCommitId();
        return out -> {
            for (int i = 0; i < 2; i++) {
                out.write(("{\"type\":\"Person\",\"data\":{\"name\":\"b" + i + "\"}}\n").getBytes(StandardCharsets.UTF_8));
            }
            return new ChangeBaselineOutput(head, "cursor-" + head);
        };
    }

    @Override
    public String schemaSource() {
        return "node Person {\n    name: String @key\n    age: I32?\n}\n";
    }

    @Override
    public BlobHandle blob(BlobLocator locator) {
        String key = locator.type() + "/" + locator.id() + "/" + locator.property();
        String snapshot = switch (locator.target()) {
            case ReadTarget.OnBranch b -> commitsOf(b.branch()).get(0).graphCommitId();
            case ReadTarget.AtSnapshot s -> s.snapshotId();
        };
        if (externalBlobs.containsKey(key)) {
            return new BlobHandle.External(snapshot, externalBlobs.get(key));
        }
        byte[] bytes = blobs.get(key);
        if (bytes == null) {
            throw ServiceException.notFound("no Blob at " + locator.entity().wire() + " " + key);
        }
        String etag = "sha256-" + Integer.toHexString(java.util.Arrays.hashCode(bytes));
        return new BlobHandle.Managed(snapshot, etag, bytes.length,
                (offset, length) -> new ByteArrayInputStream(bytes, (int) offset, (int) length));
    }

    @Override
    public List<QueryCatalogEntry> storedQueries() {
        return stored.values().stream().map(StoredDef::entry).toList();
    }

    @Override
    public Optional<StoredQuery> storedQuery(String name) {
        return Optional.ofNullable(stored.get(name)).map(d -> new StoredQuery(name, d.entry().mutation()));
    }

    @Override
    public ReadOutput runStoredRead(String name, Optional<JsonNode> params, ReadTarget target) {
        checkParams(name, params);
        return read(name, params, target);
    }

    @Override
    public ChangeOutput runStoredMutation(String name, Optional<JsonNode> params, String branch, Writer writer) {
        checkParams(name, params);
        return write("storedMutation", name, branch, writer, name);
    }

    @Override
    public ChangeOutput mutate(MutationCall call) {
        if (!isMutation(call.source())) {
            throw ServiceException.badRequest("the query is a read; use POST /graphs/" + id + "/query");
        }
        return write("mutate", call.name().orElse("m"), call.branch(), call.writer(), call.source());
    }

    @Override
    public IngestOutput load(LoadCall call) {
        boolean created = false;
        synchronized (branches) {
            if (!branches.containsKey(call.branch())) {
                String from = call.from().orElseThrow(() -> ServiceException.notFound("branch '" + call.branch()
                        + "' not found"));
                branches.put(call.branch(), new ArrayList<>(commitsOf(from)));
                created = true;
            }
        }
        awaitGate();
        long lines = call.data().lines().filter(l -> !l.isBlank()).count();
        CommitOutput commit = append(call.branch(), call.writer().actor());
        received.add(new Received("load", call.writer().actor(), call.branch(), Optional.empty(),
                call.mode().wire() + "|" + lines + "|" + call.from().orElse("")));
        return new IngestOutput(uri, call.branch(), call.from(), created, call.mode(),
                List.of(new GraphBatchDeclarationOutput("Person", lines)), List.of(), lines, call.writer().actor(),
                Optional.of(commit));
    }

    @Override
    public BranchCreateOutput createBranch(String name, String from, Writer writer) {
        awaitGate();
        synchronized (branches) {
            if (branches.containsKey(name)) {
                throw ServiceException.conflict("branch '" + name + "' already exists");
            }
            branches.put(name, new ArrayList<>(commitsOf(from)));
        }
        received.add(new Received("createBranch", writer.actor(), name, Optional.empty(), from));
        return new BranchCreateOutput(uri, from, name, writer.actor());
    }

    @Override
    public BranchDeleteOutput deleteBranch(String name, Writer writer) {
        synchronized (branches) {
            if (name.equals("main")) {
                throw ServiceException.badRequest("branch 'main' cannot be deleted");
            }
            if (branches.remove(name) == null) {
                throw ServiceException.notFound("branch '" + name + "' not found");
            }
        }
        received.add(new Received("deleteBranch", writer.actor(), name, Optional.empty(), ""));
        return new BranchDeleteOutput(uri, name, writer.actor());
    }

    @Override
    public BranchMergeOutcome mergeBranch(String source, String target, Writer writer) {
        synchronized (branches) {
            List<CommitOutput> s = commitsOf(source);
            List<CommitOutput> t = commitsOf(target);
            received.add(new Received("merge", writer.actor(), target, Optional.empty(), source));
            if (source.startsWith("conflict")) {
                throw new ServiceException(new Failure.MergeConflicts("merge of '" + source + "' into '" + target
                        + "' stopped on 1 conflict", List.of(new MergeConflictOutput(EntityKind.NODE, "Person",
                        Optional.of("p1"), io.omnigraph.server.api.MergeConflictKind.DIVERGENT_UPDATE,
                        "both sides changed Person p1"))));
            }
            if (s.get(0).graphCommitId().equals(t.get(0).graphCommitId())) {
                return BranchMergeOutcome.ALREADY_UP_TO_DATE;
            }
            branches.put(target, new ArrayList<>(s));
            return BranchMergeOutcome.FAST_FORWARD;
        }
    }

    // ---------------------------------------------------------------- helpers

    private ChangeOutput write(String op, String queryName, String branch, Writer writer, String detail) {
        commitsOf(branch);
        if (writer.ifGraphCommit().isPresent()) {
            String actual = head(branch);
            if (!actual.equals(writer.ifGraphCommit().get())) {
                throw new ServiceException(new Failure.PreconditionFailed("branch '" + branch + "' moved: expected "
                        + writer.ifGraphCommit().get() + ", head is " + actual,
                        new PreconditionFailureOutput(writer.ifGraphCommit().get(), Optional.of(actual))));
            }
        }
        awaitGate();
        CommitOutput commit = append(branch, writer.actor());
        received.add(new Received(op, writer.actor(), branch, writer.ifGraphCommit(), detail));
        return new ChangeOutput(branch, queryName, 1, 0, writer.actor(), Optional.of(commit));
    }

    private void awaitGate() {
        CountDownLatch gate = writeGate;
        if (gate != null) {
            writesWaiting.incrementAndGet();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw ServiceException.internal("test write gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ServiceException.internal("interrupted");
            } finally {
                writesWaiting.decrementAndGet();
            }
        }
    }

    private ReadOutput read(String name, Optional<JsonNode> params, ReadTarget target) {
        String branch;
        ReadTargetOutput out;
        String commit;
        switch (target) {
            case ReadTarget.OnBranch b -> {
                branch = b.branch();
                commit = commitsOf(branch).get(0).graphCommitId();
                out = new ReadTargetOutput(Optional.of(branch), Optional.empty());
            }
            case ReadTarget.AtSnapshot s -> {
                branch = snapshotBranch(s.snapshotId());
                commit = s.snapshotId();
                out = new ReadTargetOutput(Optional.empty(), Optional.of(s.snapshotId()));
            }
        }
        received.add(new Received("read:" + name, Optional.empty(), branch, Optional.empty(),
                params.map(JsonNode::toString).orElse("")));
        ObjectNode row = NODES.objectNode();
        row.set("params", params.orElse(NODES.nullNode()));
        return new ReadOutput(name, out, 1, List.of("params"), NODES.arrayNode().add(row), Optional.of(commit));
    }

    private void checkParams(String name, Optional<JsonNode> params) {
        for (ParamDescriptor p : stored.get(name).entry().params()) {
            JsonNode v = params.map(n -> n.get(p.name())).orElse(null);
            if (v == null && !p.nullable()) {
                throw ServiceException.badRequest("parameter '" + p.name() + "' of '" + name + "' is required");
            }
            if (v != null && p.kind() == ParamKind.STRING && !v.isTextual()) {
                throw ServiceException.badRequest("parameter '" + p.name() + "' of '" + name + "' must be a string");
            }
        }
    }

    private List<CommitOutput> commitsOf(String branch) {
        synchronized (branches) {
            List<CommitOutput> c = branches.get(branch);
            if (c == null) {
                throw ServiceException.notFound("branch '" + branch + "' not found");
            }
            return c;
        }
    }

    private CommitOutput append(String branch, Optional<String> actor) {
        synchronized (branches) {
            List<CommitOutput> c = commitsOf(branch);
            CommitOutput commit = newCommit(branch, Optional.of(c.get(0).graphCommitId()), actor);
            c.add(0, commit);
            return commit;
        }
    }

    private CommitOutput newCommit(String branch, Optional<String> parent, Optional<String> actor) {
        int n = commitCounter.incrementAndGet();
        return new CommitOutput(String.format("c%04d-%s", n, id), Optional.of(branch), n, parent, Optional.empty(),
                actor, EPOCH_MICROS + n);
    }

    private static ChangeCauseOutput cause(CommitOutput c) {
        return new ChangeCauseOutput(c.graphCommitId(), c.graphBranch().orElse("main"), c.createdAt(), c.actorId(),
                c.parentCommitId(), c.mergedParentCommitId());
    }

    private static EntityChangeOutput insertChange(String name) {
        ObjectNode props = NODES.objectNode().put("name", name);
        return new EntityChangeOutput("Person:" + name, EntityKind.NODE, new ChangeTypeOutput("t1", "Person"),
                ChangeOp.INSERT, Optional.empty(), Optional.of(new ChangeImageOutput(props, Optional.empty())));
    }

    private static boolean isMutation(String source) {
        return source.contains("insert ") || source.contains("update ") || source.contains("delete ");
    }
}
