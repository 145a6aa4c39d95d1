package io.omnigraph.server.port;

import java.util.Objects;

/** What the server must know about a stored query before running it: its name and whether it is a mutation. */
public record StoredQuery(String name, boolean mutation) {
    public StoredQuery {
        Objects.requireNonNull(name, "name");
    }
}
