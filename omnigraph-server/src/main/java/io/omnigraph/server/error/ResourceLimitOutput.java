package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A request rejected because it exceeds an explicit ceiling (HTTP 413); {@code resource} names the ceiling.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ResourceLimitOutput(
        String resource,
        long limit,
        long actual) {
    public ResourceLimitOutput {
        Objects.requireNonNull(resource, "resource");
    }
}
