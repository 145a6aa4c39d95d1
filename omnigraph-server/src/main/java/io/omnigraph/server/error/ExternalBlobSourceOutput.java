package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An allowed external Blob source that could not be probed or read (HTTP 424).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ExternalBlobSourceOutput(
        String uri,
        String reason) {
    public ExternalBlobSourceOutput {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(reason, "reason");
    }
}
