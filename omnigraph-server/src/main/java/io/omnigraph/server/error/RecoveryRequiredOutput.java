package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A durable recovery intent that must be resolved before retrying (HTTP 503).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RecoveryRequiredOutput(
        @JsonProperty("operation_id") String operationId) {
    public RecoveryRequiredOutput {
        Objects.requireNonNull(operationId, "operation_id");
    }
}
