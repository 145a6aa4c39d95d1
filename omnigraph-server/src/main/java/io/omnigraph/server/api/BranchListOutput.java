package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code GET /graphs/{id}/branches}: branch names, sorted.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BranchListOutput(
        List<String> branches) {
    public BranchListOutput {
        branches = branches == null ? List.of() : List.copyOf(branches);
    }
}
