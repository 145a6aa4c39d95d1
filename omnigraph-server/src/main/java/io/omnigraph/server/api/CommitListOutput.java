package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of {@code GET /graphs/{id}/commits}: newest first.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CommitListOutput(
        List<CommitOutput> commits) {
    public CommitListOutput {
        commits = commits == null ? List.of() : List.copyOf(commits);
    }
}
