package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Graph-scoped type identity; {@code id} is opaque and survives renames.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeTypeOutput(
        String id,
        String name) {
    public ChangeTypeOutput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
