package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.omnigraph.server.api.EntityKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A strict keyed insert found an existing or concurrently inserted logical id (HTTP 409).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record KeyConflictOutput(
        @JsonProperty("entity_kind") EntityKind entityKind,
        @JsonProperty("type_name") String typeName,
        @JsonProperty("entity_id") Optional<String> entityId) {
    public KeyConflictOutput {
        Objects.requireNonNull(entityKind, "entity_kind");
        Objects.requireNonNull(typeName, "type_name");
        entityId = entityId == null ? Optional.empty() : entityId;
    }
}
