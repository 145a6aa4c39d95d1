package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code GET /graphs/{id}/commits/{commit}/changes}: one bounded page of a commit's entity diff.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CommitChangesOutput(
        ChangeCauseOutput cause,
        List<EntityChangeOutput> changes,
        @JsonProperty("next_page_token") Optional<String> nextPageToken) {
    public CommitChangesOutput {
        Objects.requireNonNull(cause, "cause");
        changes = changes == null ? List.of() : List.copyOf(changes);
        nextPageToken = nextPageToken == null ? Optional.empty() : nextPageToken;
    }
}
