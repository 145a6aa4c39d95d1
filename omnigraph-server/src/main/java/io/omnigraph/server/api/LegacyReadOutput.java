package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Byte-stable body of the deprecated {@code POST /read}: {@link ReadOutput} without {@code graph_commit_id}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record LegacyReadOutput(
        @JsonProperty("query_name") String queryName,
        ReadTargetOutput target,
        @JsonProperty("row_count") long rowCount,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> columns,
        JsonNode rows) {
    public LegacyReadOutput {
        Objects.requireNonNull(queryName, "query_name");
        Objects.requireNonNull(target, "target");
        columns = columns == null ? List.of() : List.copyOf(columns);
        Objects.requireNonNull(rows, "rows");
    }
}
