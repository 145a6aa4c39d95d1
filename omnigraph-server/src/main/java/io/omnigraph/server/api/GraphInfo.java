package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One served graph in {@code GET /graphs}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record GraphInfo(
        @JsonProperty("graph_id") String graphId,
        String uri) {
    public GraphInfo {
        Objects.requireNonNull(graphId, "graph_id");
        Objects.requireNonNull(uri, "uri");
    }
}
