package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/branches/merge} (lenient); {@code target} defaults to {@code main},
 * {@code delete_branch} to {@code false}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BranchMergeRequest(String source, Optional<String> target,
                                 @JsonProperty("delete_branch") boolean deleteBranch) {
    public BranchMergeRequest {
        if (source == null) {
            throw InvalidWireValueException.missing("source");
        }
        target = WireOptionals.clean(target);
    }
}
