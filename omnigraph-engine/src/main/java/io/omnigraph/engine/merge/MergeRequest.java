package io.omnigraph.engine.merge;

import io.omnigraph.engine.branch.BranchNames;

import java.util.Objects;
import java.util.Optional;

/**
 * Merge branch {@code source} into branch {@code target} (default {@code main}) as {@code actor}; {@code message}
 * overrides the commit message ({@code merge <source> into <target>}).
 */
public record MergeRequest(String source, String target, Optional<String> actor, Optional<String> message) {
    public MergeRequest {
        Objects.requireNonNull(source);
        target = target == null ? BranchNames.MAIN : target;
        actor = actor == null ? Optional.empty() : actor;
        message = message == null ? Optional.empty() : message;
    }

    public static MergeRequest of(String source, String target, Optional<String> actor) {
        return new MergeRequest(source, target, actor, Optional.empty());
    }
}
