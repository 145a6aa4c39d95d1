package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One exact logical entity image; {@code endpoints} only for edges.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeImageOutput(
        JsonNode properties,
        Optional<ChangeEndpointsOutput> endpoints) {
    public ChangeImageOutput {
        Objects.requireNonNull(properties, "properties");
        endpoints = endpoints == null ? Optional.empty() : endpoints;
    }
}
