package io.omnigraph.engine.query;

import java.util.Objects;
import java.util.Optional;

/**
 * What a read looked at, as reported in results: a branch (its head at read time) or a snapshot (a commit id, time
 * travel). Exactly one is present. Wire form: {@code {"branch":"main","snapshot":null}}.
 */
public record QueryTarget(Optional<String> branch, Optional<String> snapshot) {
    public QueryTarget {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(snapshot, "snapshot");
        if (branch.isPresent() == snapshot.isPresent()) {
            throw new IllegalArgumentException("a query target is either a branch or a snapshot");
        }
    }

    public static QueryTarget branch(String name) {
        return new QueryTarget(Optional.of(name), Optional.empty());
    }

    public static QueryTarget snapshot(String commitId) {
        return new QueryTarget(Optional.empty(), Optional.of(commitId));
    }

    /** {@code branch main} or {@code snapshot <id>} (human output). */
    public String describe() {
        return branch.map(b -> "branch " + b).orElseGet(() -> "snapshot " + snapshot.orElseThrow());
    }
}
