package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The final line of a baseline stream: {@code {"baseline": {...}}}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeBaselineRecord(
        ChangeBaselineOutput baseline) {
    public ChangeBaselineRecord {
        Objects.requireNonNull(baseline, "baseline");
    }
}
