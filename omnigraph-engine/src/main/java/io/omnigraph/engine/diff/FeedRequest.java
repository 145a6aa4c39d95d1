package io.omnigraph.engine.diff;

import io.omnigraph.engine.branch.BranchNames;

import java.util.Objects;
import java.util.Optional;

/**
 * One change-feed poll: the branch, at most one of {@code cursor} (from a previous terminal page), {@code start}
 * ({@code now} — the default —, {@code beginning}, {@code after:<commit_id>}) or {@code pageToken} (continue a poll),
 * the page bounds and the filter.
 */
public record FeedRequest(String branch, Optional<String> cursor, Optional<String> start, Optional<String> pageToken,
                          PageSpec page, ChangeFilter filter) {
    public FeedRequest {
        branch = branch == null ? BranchNames.MAIN : branch;
        Objects.requireNonNull(cursor);
        Objects.requireNonNull(start);
        Objects.requireNonNull(pageToken);
        Objects.requireNonNull(page);
        Objects.requireNonNull(filter);
    }

    public static FeedRequest start(String branch, String start) {
        return new FeedRequest(branch, Optional.empty(), Optional.of(start), Optional.empty(), PageSpec.defaults(), ChangeFilter.all());
    }

    public static FeedRequest resume(String branch, String cursor) {
        return new FeedRequest(branch, Optional.of(cursor), Optional.empty(), Optional.empty(), PageSpec.defaults(), ChangeFilter.all());
    }

    public FeedRequest withFilter(ChangeFilter f) {
        return new FeedRequest(branch, cursor, start, pageToken, page, f);
    }

    public FeedRequest withPage(PageSpec p) {
        return new FeedRequest(branch, cursor, start, pageToken, p, filter);
    }

    public FeedRequest continuing(String token) {
        return new FeedRequest(branch, Optional.empty(), Optional.empty(), Optional.of(token), page, filter);
    }
}
