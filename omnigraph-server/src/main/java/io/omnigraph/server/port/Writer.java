package io.omnigraph.server.port;

import java.util.Optional;

/**
 * Who writes, and under which precondition. {@code actor} is the authenticated actor id taken from the bearer token
 * (empty only in Open mode); the backend records it on the commit and uses it for its own engine-layer policy check.
 * {@code ifGraphCommit} is the {@code Omnigraph-If-Graph-Commit} precondition: the write must fail with
 * {@link Failure.PreconditionFailed} (and change nothing) unless the branch head is that commit.
 */
public record Writer(Optional<String> actor, Optional<String> ifGraphCommit) {
    public Writer {
        actor = actor == null ? Optional.empty() : actor;
        ifGraphCommit = ifGraphCommit == null ? Optional.empty() : ifGraphCommit;
    }

    /** A write by {@code actor} without precondition. */
    public static Writer of(Optional<String> actor) {
        return new Writer(actor, Optional.empty());
    }
}
