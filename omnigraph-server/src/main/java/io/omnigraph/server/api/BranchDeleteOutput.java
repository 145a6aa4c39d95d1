package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code DELETE /graphs/{id}/branches/{branch}}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BranchDeleteOutput(
        String uri,
        String name,
        @JsonProperty("actor_id") Optional<String> actorId) {
    public BranchDeleteOutput {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        actorId = actorId == null ? Optional.empty() : actorId;
    }
}
