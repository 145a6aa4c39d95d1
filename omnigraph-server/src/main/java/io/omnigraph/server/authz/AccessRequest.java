package io.omnigraph.server.authz;

import java.util.Objects;
import java.util.Optional;

/**
 * What is being asked: an action, optionally on a branch and/or targeting a branch, and for {@code invoke_query} the
 * stored query invoked (policy rules may list the queries they allow).
 */
public record AccessRequest(Action action, Optional<String> branch, Optional<String> targetBranch,
                            Optional<String> query) {
    public AccessRequest {
        Objects.requireNonNull(action, "action");
        branch = branch == null ? Optional.empty() : branch;
        targetBranch = targetBranch == null ? Optional.empty() : targetBranch;
        query = query == null ? Optional.empty() : query;
    }

    /** A request without a stored-query name. */
    public AccessRequest(Action action, Optional<String> branch, Optional<String> targetBranch) {
        this(action, branch, targetBranch, Optional.empty());
    }

    /** {@code invoke_query} of stored query {@code name}. */
    public static AccessRequest invoke(String name) {
        return new AccessRequest(Action.INVOKE_QUERY, Optional.empty(), Optional.empty(), Optional.of(name));
    }

    /** An action with neither branch nor target. */
    public static AccessRequest of(Action action) {
        return new AccessRequest(action, Optional.empty(), Optional.empty());
    }

    /** An action on {@code branch}. */
    public static AccessRequest onBranch(Action action, String branch) {
        return new AccessRequest(action, Optional.of(branch), Optional.empty());
    }

    /** An action targeting {@code target} (no source branch). */
    public static AccessRequest targeting(Action action, String target) {
        return new AccessRequest(action, Optional.empty(), Optional.of(target));
    }

    /** An action from {@code branch} onto {@code target}. */
    public static AccessRequest between(Action action, String branch, String target) {
        return new AccessRequest(action, Optional.of(branch), Optional.of(target));
    }

    /** "action 'x'[ on branch 'b'][ targeting branch 't'][ (query 'q')]", the phrase used in decision messages. */
    public String describe() {
        return "action '" + action.wire() + "'" + branch.map(b -> " on branch '" + b + "'").orElse("")
                + targetBranch.map(t -> " targeting branch '" + t + "'").orElse("")
                + query.map(q -> " (query '" + q + "')").orElse("");
    }
}
