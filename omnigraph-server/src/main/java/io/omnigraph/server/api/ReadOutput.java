package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/query} and of a stored read. {@code columns} is omitted when empty;
 * {@code rows} is any JSON value produced by the executor; {@code graph_commit_id} is the head commit of the exact
 * snapshot the rows came from.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ReadOutput(
        @JsonProperty("query_name") String queryName,
        ReadTargetOutput target,
        @JsonProperty("row_count") long rowCount,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> columns,
        JsonNode rows,
        @JsonProperty("graph_commit_id") Optional<String> graphCommitId) implements InvokeStoredQueryResponse {
    public ReadOutput {
        Objects.requireNonNull(queryName, "query_name");
        Objects.requireNonNull(target, "target");
        columns = columns == null ? List.of() : List.copyOf(columns);
        Objects.requireNonNull(rows, "rows");
        graphCommitId = graphCommitId == null ? Optional.empty() : graphCommitId;
    }

    /** The deprecated {@code POST /read} projection (drops {@code graph_commit_id}). */
    public LegacyReadOutput toLegacy() {
        return new LegacyReadOutput(queryName, target, rowCount, columns, rows);
    }
}
