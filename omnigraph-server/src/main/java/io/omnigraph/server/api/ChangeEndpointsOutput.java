package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Edge endpoints of one image.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeEndpointsOutput(
        String from,
        String to) {
    public ChangeEndpointsOutput {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
