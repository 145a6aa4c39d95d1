package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code GET /graphs}: the ready graphs, sorted by id.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record GraphListResponse(
        List<GraphInfo> graphs) {
    public GraphListResponse {
        graphs = graphs == null ? List.of() : List.copyOf(graphs);
    }
}
