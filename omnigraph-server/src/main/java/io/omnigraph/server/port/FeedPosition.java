package io.omnigraph.server.port;

import java.util.Objects;

/** Where a change-feed poll starts: a durable cursor, a start position, or a page token of an ongoing poll. */
public sealed interface FeedPosition {
    String value();

    /** A durable caller-owned cursor returned by a terminal page or a baseline. */
    record Cursor(String value) implements FeedPosition {
        public Cursor {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The {@code start} query parameter (an opaque start position understood by the backend). */
    record Start(String value) implements FeedPosition {
        public Start {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Continuation of a poll's captured cut ({@code next_page_token}). */
    record PageToken(String value) implements FeedPosition {
        public PageToken {
            Objects.requireNonNull(value, "value");
        }
    }
}
