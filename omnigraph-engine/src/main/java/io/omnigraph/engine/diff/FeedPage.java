package io.omnigraph.engine.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bounded feed page (openapi {@code ChangeFeedOutput}). A terminal page carries {@code cursor} (after the last
 * complete commit) and {@code caughtUp} (whether that is the head captured by the poll); a non-terminal page carries
 * only {@code nextPageToken}.
 */
public record FeedPage(List<ChangeBlock> blocks, Optional<String> cursor, Optional<Boolean> caughtUp,
                       Optional<String> nextPageToken) {
    public FeedPage {
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(cursor);
        Objects.requireNonNull(caughtUp);
        Objects.requireNonNull(nextPageToken);
        if (cursor.isPresent() == nextPageToken.isPresent()) {
            throw new IllegalArgumentException("a feed page has either a cursor or a next page token");
        }
    }

    public boolean terminal() {
        return cursor.isPresent();
    }
}
