package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.omnigraph.server.api.ChangeDiffRefusalReason;
import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed entity-diff request this commit cannot satisfy (HTTP 409).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeDiffRefusalOutput(
        ChangeDiffRefusalReason reason,
        @JsonProperty("graph_commit_id") String graphCommitId,
        @JsonProperty("type_name") Optional<String> typeName) {
    public ChangeDiffRefusalOutput {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(graphCommitId, "graph_commit_id");
        typeName = typeName == null ? Optional.empty() : typeName;
    }
}
