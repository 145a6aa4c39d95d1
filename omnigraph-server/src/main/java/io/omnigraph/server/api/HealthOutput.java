package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code GET /healthz}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record HealthOutput(
        String status,
        String version,
        @JsonProperty("internal_schema_version") int internalSchemaVersion,
        @JsonProperty("source_version") Optional<String> sourceVersion) {
    public HealthOutput {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        sourceVersion = sourceVersion == null ? Optional.empty() : sourceVersion;
    }
}
