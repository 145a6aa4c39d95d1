package io.omnigraph.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One authorization question put to a {@link io.omnigraph.policy.cedar.PolicyEngine}: may {@code actor} perform
 * {@code action} (on {@code branch}, targeting {@code targetBranch}, invoking stored query {@code query})?
 */
public record AuthzRequest(String actor, Action action, Optional<String> branch, Optional<String> targetBranch,
                           Optional<String> query) {
    public AuthzRequest {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(targetBranch, "targetBranch");
        Objects.requireNonNull(query, "query");
    }

    /** A request with no branch, target branch or query. */
    public static AuthzRequest of(String actor, Action action) {
        return new AuthzRequest(actor, action, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AuthzRequest withBranch(String b) {
        return new AuthzRequest(actor, action, Optional.of(b), targetBranch, query);
    }

    public AuthzRequest withTargetBranch(String t) {
        return new AuthzRequest(actor, action, branch, Optional.of(t), query);
    }

    public AuthzRequest withQuery(String q) {
        return new AuthzRequest(actor, action, branch, targetBranch, Optional.of(q));
    }
}
