package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * The branch or snapshot a read was served from.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ReadTargetOutput(
        Optional<String> branch,
        Optional<String> snapshot) {
    public ReadTargetOutput {
        branch = branch == null ? Optional.empty() : branch;
        snapshot = snapshot == null ? Optional.empty() : snapshot;
    }
}
