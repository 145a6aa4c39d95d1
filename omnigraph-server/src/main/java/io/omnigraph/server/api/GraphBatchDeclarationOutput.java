package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Entities loaded for one node or edge declaration.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record GraphBatchDeclarationOutput(
        String name,
        @JsonProperty("entities_loaded") long entitiesLoaded) {
    public GraphBatchDeclarationOutput {
        Objects.requireNonNull(name, "name");
    }
}
