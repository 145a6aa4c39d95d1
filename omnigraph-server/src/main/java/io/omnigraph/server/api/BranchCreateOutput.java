package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/branches}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BranchCreateOutput(
        String uri,
        String from,
        String name,
        @JsonProperty("actor_id") Optional<String> actorId) {
    public BranchCreateOutput {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(name, "name");
        actorId = actorId == null ? Optional.empty() : actorId;
    }
}
