package io.omnigraph.policy.bundle;

import java.util.Arrays;
import java.util.Optional;

/** The value of {@code branch_scope} / {@code target_branch_scope}. */
public enum BranchScope {
    /** Any branch — but, like an absent scope, also matches requests that carry no branch. */
    ANY("any"),
    /** Only branches listed in {@code protected_branches}; a request without a branch never matches. */
    PROTECTED("protected"),
    /** Only branches not listed in {@code protected_branches}; a request without a branch never matches. */
    UNPROTECTED("unprotected");

    private final String wireName;

    BranchScope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<BranchScope> fromWireName(String s) {
        return Arrays.stream(values()).filter(v -> v.wireName.equals(s)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
