package io.omnigraph.policy.testing;

import io.omnigraph.policy.Action;

import java.util.Objects;
import java.util.Optional;

/** One row of a policy test file: a request and the expected verdict. */
public record PolicyTestCase(String id, String actor, Action action, Optional<String> branch,
                             Optional<String> targetBranch, Optional<String> query, boolean expectAllow) {
    public PolicyTestCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(targetBranch, "targetBranch");
        Objects.requireNonNull(query, "query");
    }
}
