package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
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

    /** JSON creator: an absent or {@code null} {@code delete_branch} means {@code false}. */
    @JsonCreator
    static BranchMergeRequest fromJson(@JsonProperty("source") String source,
                                       @JsonProperty("target") Optional<String> target,
                                       @JsonProperty("delete_branch") Boolean deleteBranch) {
        return new BranchMergeRequest(source, target, Boolean.TRUE.equals(deleteBranch));
    }
}
