package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.api.MergeConflictKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One conflict that stopped a three-way merge (HTTP 409, inside {@code merge_conflicts}).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record MergeConflictOutput(
        @JsonProperty("entity_kind") EntityKind entityKind,
        @JsonProperty("type_name") String typeName,
        @JsonProperty("entity_id") Optional<String> entityId,
        MergeConflictKind kind,
        String message) {
    public MergeConflictOutput {
        Objects.requireNonNull(entityKind, "entity_kind");
        Objects.requireNonNull(typeName, "type_name");
        entityId = entityId == null ? Optional.empty() : entityId;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
