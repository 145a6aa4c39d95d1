package io.omnigraph.server.port;

import java.util.Objects;
import java.util.Optional;

/** One page of a commit's entity diff. */
public record ChangePageRequest(Optional<String> pageToken, Optional<Long> limit, ChangeFilter filter) {
    public ChangePageRequest {
        pageToken = pageToken == null ? Optional.empty() : pageToken;
        limit = limit == null ? Optional.empty() : limit;
        Objects.requireNonNull(filter, "filter");
    }
}
