package io.omnigraph.server.port;

import java.util.Objects;
import java.util.Optional;

/** One change-feed poll of {@code branch}; {@code limit} is the caller's page size (absent = backend default). */
public record ChangeFeedRequest(String branch, Optional<FeedPosition> position, Optional<Long> limit,
                                ChangeFilter filter) {
    public ChangeFeedRequest {
        Objects.requireNonNull(branch, "branch");
        position = position == null ? Optional.empty() : position;
        limit = limit == null ? Optional.empty() : limit;
        Objects.requireNonNull(filter, "filter");
    }
}
