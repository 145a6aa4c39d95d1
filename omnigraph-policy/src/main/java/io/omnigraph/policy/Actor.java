package io.omnigraph.policy;

import java.util.Objects;

/**
 * An authenticated caller, identified by the actor id its bearer token (server) or {@code --as} (CLI) resolved to.
 * The id is never taken from a request body or header.
 */
public record Actor(String id) {
    public Actor {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("actor id must not be blank");
        }
    }

    public static Actor of(String id) {
        return new Actor(id);
    }
}
