package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Normalized half-open range details of an unsatisfiable managed Blob read (HTTP 416).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BlobRangeOutput(
        long start,
        long end,
        long length) {
    public BlobRangeOutput {

    }
}
