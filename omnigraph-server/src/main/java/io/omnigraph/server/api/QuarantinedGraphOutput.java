package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** An applied graph that is not served, with the diagnostic code and the reason. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record QuarantinedGraphOutput(
        @JsonProperty("graph_id") String graphId,
        String code,
        String reason) {
    public QuarantinedGraphOutput {
        Objects.requireNonNull(graphId, "graph_id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
