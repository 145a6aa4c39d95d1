package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Body of {@code GET /graphs/{id}/schema}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SchemaOutput(
        @JsonProperty("schema_source") String schemaSource) {
    public SchemaOutput {
        Objects.requireNonNull(schemaSource, "schema_source");
    }
}
