package io.omnigraph.cli.plane;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.engine.load.LoadProgress;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The data plane one command runs against — an embedded engine over a graph's storage ({@link EmbeddedPlane}) or a
 * graph served by {@code omnigraph-server} over HTTP ({@link RemotePlane}). Every result is in the wire shape of
 * openapi.json (the server's DTOs), so commands render embedded and remote results with one renderer and the output
 * is byte-identical for the same data.
 *
 * <p>Errors: the embedded lane throws the engine's {@code EngineException}s (commands translate them, keeping
 * compiler diagnostics); the remote lane throws {@link io.omnigraph.cli.remote.RemoteError} with the server's code
 * and body. Writes take the actor of a direct write ({@code --as} > {@code operator.actor}); the remote lane ignores
 * it (the server takes the actor from the bearer token).
 */
public sealed interface DataPlane extends AutoCloseable permits EmbeddedPlane, RemotePlane {
    /** What the write echo names: the storage URI, or the graph's server URL. */
    String target();

    /** {@code direct, local} | {@code direct, remote} | {@code served} (cluster-server.md §6.6). */
    String lane();

    /** False for remote storage and for served graphs: destructive writes then need consent. */
    boolean local();

    /** {@code SnapshotOutput}. */
    JsonNode snapshot(String branch);

    /** {@code ReadOutput} of an ad-hoc read on a branch head or a commit ({@code snapshot}). */
    JsonNode query(String source, String fileName, Optional<String> name, Optional<JsonNode> params, Optional<String> branch,
                   Optional<String> snapshot);

    /** {@code ReadOutput} | {@code ChangeOutput} of a stored query (served only). */
    JsonNode invoke(String name, Optional<JsonNode> params, Optional<String> branch, Optional<String> snapshot,
                    boolean expectMutation);

    /** {@code ChangeOutput}. */
    JsonNode mutate(String source, String fileName, Optional<String> name, Optional<JsonNode> params, String branch,
                    Optional<String> ifCommit, Optional<String> actor);

    /** {@code IngestOutput}. */
    JsonNode load(InputStream ndjson, String branch, Optional<String> from, String mode, Optional<String> actor,
                  LoadProgress progress);

    /** Writes NDJSON in the load format of a branch head or a commit. */
    void export(Optional<String> branch, Optional<String> snapshot, List<String> types, OutputStream out);

    /** Branch names, sorted. */
    List<String> branches();

    /** {@code BranchCreateOutput}. */
    JsonNode createBranch(String name, String from, Optional<String> actor);

    /** {@code BranchDeleteOutput}; a warning (commits only this branch reaches) goes to {@code warnings}. */
    JsonNode deleteBranch(String name, Optional<String> actor, java.util.function.Consumer<String> warnings);

    /** {@code BranchMergeOutput}. */
    JsonNode merge(String source, String into, boolean deleteBranch, Optional<String> actor);

    /** {@code CommitOutput}s of a branch, newest first. */
    List<JsonNode> commits(String branch, int limit);

    /** {@code CommitOutput}, empty when unknown. */
    Optional<JsonNode> commit(String id);

    /** {@code CommitChangesOutput}. */
    JsonNode commitChanges(String id, Filters filters, Optional<Integer> limit, Optional<String> pageToken);

    /** {@code ChangeFeedOutput}. */
    JsonNode poll(String branch, Optional<String> cursor, Optional<String> start, Optional<String> pageToken,
                  Optional<Integer> limit, Filters filters);

    /** Writes the baseline records (NDJSON), returns the terminal {@code ChangeBaselineOutput} and the record count. */
    Baseline baseline(String branch, Filters filters, OutputStream records);

    /** The schema source in force. */
    String schemaSource(String branch);

    /** {@code SchemaApplyOutput}. */
    JsonNode applySchema(String source, boolean allowDataLoss, Optional<String> actor);

    /** Resolves one Blob value without reading it ({@code HEAD …/blob}). */
    BlobStat blobStat(BlobRef ref);

    /**
     * Writes the bytes {@code [offset, offset+length)} of a stored Blob ({@code length} empty = to the end) to
     * {@code out} ({@code GET …/blob} with {@code Range}). An external Blob, or an offset at/after the end of a
     * non-empty value, is an error and writes nothing.
     */
    BlobStat blobGet(BlobRef ref, long offset, Optional<Long> length, OutputStream out);

    @Override
    void close();

    /** One Blob property value: entity kind ({@code node|edge}), type, entity id, property, read target. */
    record BlobRef(String entity, String type, String id, String property, Optional<String> branch,
                   Optional<String> snapshot) {
    }

    /**
     * A resolved Blob: the commit it was read from; a stored value has an entity tag (sha-256 hex, unquoted) and a
     * length; an external one has its location.
     */
    record BlobStat(String snapshotId, Optional<String> etag, Optional<Long> length, Optional<String> location) {
    }

    /** The repeatable change filters, in their wire spellings. */
    record Filters(List<String> kinds, List<String> types, List<String> ops) {
        public Filters {
            kinds = List.copyOf(kinds);
            types = List.copyOf(types);
            ops = List.copyOf(ops);
        }
    }

    /** A written baseline: the terminal record and how many entity records preceded it. */
    record Baseline(JsonNode terminal, long records) {
    }
}
