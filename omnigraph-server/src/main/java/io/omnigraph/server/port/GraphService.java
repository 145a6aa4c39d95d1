package io.omnigraph.server.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.api.BranchCreateOutput;
import io.omnigraph.server.api.BranchDeleteOutput;
import io.omnigraph.server.api.BranchDiffOutput;
import io.omnigraph.server.api.BranchMergeOutcome;
import io.omnigraph.server.api.ChangeFeedOutput;
import io.omnigraph.server.api.ChangeOutput;
import io.omnigraph.server.api.CommitChangesOutput;
import io.omnigraph.server.api.CommitOutput;
import io.omnigraph.server.api.IngestOutput;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.api.ReadOutput;
import io.omnigraph.server.api.SnapshotOutput;
import io.omnigraph.server.authz.AccessPolicy;

import java.util.List;
import java.util.Optional;

/**
 * One served graph, as the HTTP layer needs it. The engine adapter implements this over an opened graph; tests use
 * an in-memory fake.
 *
 * <p>Division of labour: the server has already authenticated the caller, resolved the graph, parsed and validated
 * the request (shapes, defaults such as branch {@code main}, mutually exclusive fields, headers), run the policy gate
 * and admission. The backend executes and reports expected failures only as {@link ServiceException} with a typed
 * {@link Failure}; any other exception is an internal error (500, logged, never shown to the client).
 *
 * <p>All methods are called concurrently from many request threads (virtual threads) and must be thread-safe.
 * Writes take a {@link Writer} whose actor comes from the bearer token only. Every write is all-or-nothing: when it
 * throws, nothing durable changed.
 */
public interface GraphService {
    /** The graph id (matches the server rule {@code ^[a-zA-Z0-9-]{1,64}$}). */
    String graphId();

    /** The graph's storage URI, echoed in outputs ({@code uri}) and {@code GET /graphs}. */
    String uri();

    /** The policy bundle bound to this graph, if any (decides every graph-scoped action). */
    Optional<AccessPolicy> policy();

    // ------------------------------------------------------------------ reads

    /** {@code GET …/snapshot}: the head snapshot of {@code branch}. NotFound for an unknown branch. */
    SnapshotOutput snapshot(String branch);

    /**
     * The branch a snapshot id belongs to, used to authorize reads that name a snapshot. NotFound (or BadRequest for
     * a malformed id) when it does not resolve.
     */
    String snapshotBranch(String snapshotId);

    /** Whether {@code branch} exists (used by load to decide between 404 and implicit creation). */
    boolean branchExists(String branch);

    /**
     * {@code POST …/query} and the deprecated {@code …/read}: runs a read-only query. A source whose selected query
     * is a mutation is a BadRequest ("use POST /mutate"); writes never run through this method.
     */
    ReadOutput query(QueryCall call);

    /** {@code POST …/export}: NDJSON of {@code branch}, restricted to {@code typeNames} when non-empty. */
    StreamingBody export(String branch, List<String> typeNames);

    /** {@code GET …/branches}: every branch name (the server sorts). */
    List<String> branches();

    /**
     * {@code GET …/branches/{branch}/diff}: {@code source} compared with {@code target} — heads, merge base,
     * ahead/behind counts, and (when {@code withChanges}) at most {@code limit} net entity changes from the merge base
     * to the source head. NotFound for an unknown branch; BadRequest for an invalid name.
     */
    BranchDiffOutput branchDiff(String source, String target, boolean withChanges, int limit);

    /** {@code GET …/commits}: the commits of {@code branch}, newest first. NotFound for an unknown branch. */
    List<CommitOutput> commits(String branch);

    /** {@code GET …/commits/{id}}: one commit, or empty when unknown. */
    Optional<CommitOutput> commit(String commitId);

    /** {@code GET …/commits/{id}/changes}: one page of the commit's entity diff (the commit exists). */
    CommitChangesOutput commitChanges(String commitId, ChangePageRequest page);

    /** {@code GET …/changes}: one bounded change-feed poll. */
    ChangeFeedOutput changes(ChangeFeedRequest request);

    /** {@code POST …/changes/baseline}: captures a snapshot of {@code branch} for a baseline stream. */
    BaselineCapture changeBaseline(String branch, ChangeFilter filter);

    /** {@code GET …/schema}: the live schema as {@code .pg} source. */
    String schemaSource();

    /** {@code GET/HEAD …/blob}: resolves one Blob value. NotFound for unknown entity/property/null value. */
    BlobHandle blob(BlobLocator locator);

    // ----------------------------------------------------------- stored queries

    /** {@code GET …/queries}: the whole applied registry (tool_name = name in cluster mode). */
    List<QueryCatalogEntry> storedQueries();

    /**
     * Whether stored query {@code name} is offered as an MCP tool ({@code mcp: { expose: false }} in cluster.yaml hides
     * it from MCP; HTTP invocation is unaffected). Default: every query is exposed.
     */
    default boolean exposedToMcp(String name) {
        return true;
    }

    /** Looks up a stored query by name (empty when unknown). */
    Optional<StoredQuery> storedQuery(String name);

    /** Runs stored read {@code name} (it exists and is a read). Parameter type errors are BadRequest naming the parameter. */
    ReadOutput runStoredRead(String name, Optional<JsonNode> params, ReadTarget target);

    /** Runs stored mutation {@code name} (it exists and is a mutation) on {@code branch}. */
    ChangeOutput runStoredMutation(String name, Optional<JsonNode> params, String branch, Writer writer);

    // ------------------------------------------------------------------ writes

    /** {@code POST …/mutate} (+ {@code /if-graph-commit}, {@code /change}): runs an inline mutation. */
    ChangeOutput mutate(MutationCall call);

    /** {@code POST …/load}, {@code /ingest}, {@code /load/ndjson}: bulk NDJSON load. */
    IngestOutput load(LoadCall call);

    /** {@code POST …/branches}: creates {@code name} at the head of {@code from}. Conflict when it exists. */
    BranchCreateOutput createBranch(String name, String from, Writer writer);

    /** {@code DELETE …/branches/{name}}: deletes a branch. NotFound when unknown; BadRequest for {@code main} (the contract lists no 409 here). */
    BranchDeleteOutput deleteBranch(String name, Writer writer);

    /** {@code POST …/branches/merge}: merges {@code source} into {@code target}. MergeConflicts on conflict. */
    BranchMergeOutcome mergeBranch(String source, String target, Writer writer);
}
