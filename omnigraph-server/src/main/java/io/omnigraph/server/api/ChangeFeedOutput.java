package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Body of {@code GET /graphs/{id}/changes}: one bounded poll.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ChangeFeedOutput(
        List<ChangeBlockOutput> blocks,
        @JsonProperty("next_page_token") Optional<String> nextPageToken,
        Optional<String> cursor,
        @JsonProperty("caught_up") Optional<Boolean> caughtUp) {
    public ChangeFeedOutput {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        nextPageToken = nextPageToken == null ? Optional.empty() : nextPageToken;
        cursor = cursor == null ? Optional.empty() : cursor;
        caughtUp = caughtUp == null ? Optional.empty() : caughtUp;
    }
}
