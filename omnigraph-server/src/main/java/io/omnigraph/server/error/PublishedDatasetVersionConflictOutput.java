package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.omnigraph.server.api.EntityKind;
import java.util.Objects;

/**
 * A publisher compare-and-swap rejection: the caller's view of one dataset's published version was stale (HTTP 409).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PublishedDatasetVersionConflictOutput(
        @JsonProperty("entity_kind") EntityKind entityKind,
        @JsonProperty("type_name") String typeName,
        @JsonProperty("expected_published_dataset_version") long expectedPublishedDatasetVersion,
        @JsonProperty("actual_published_dataset_version") long actualPublishedDatasetVersion) {
    public PublishedDatasetVersionConflictOutput {
        Objects.requireNonNull(entityKind, "entity_kind");
        Objects.requireNonNull(typeName, "type_name");
    }
}
