package io.omnigraph.policy.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * The coordinates of one gated operation: the branch read or written, the branch targeted (created, deleted, merged
 * into, migrated), and the stored query invoked.
 */
public record GateScope(Optional<String> branch, Optional<String> targetBranch, Optional<String> query) {
    private static final GateScope NONE = new GateScope(Optional.empty(), Optional.empty(), Optional.empty());

    public GateScope {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(targetBranch, "targetBranch");
        Objects.requireNonNull(query, "query");
    }

    /** No branch, no target, no query ({@code admin}, {@code graph_list}, a bare {@code invoke_query}). */
    public static GateScope none() {
        return NONE;
    }

    /** {@code read}/{@code export}/{@code change} on {@code branch}. */
    public static GateScope onBranch(String branch) {
        return new GateScope(Optional.of(branch), Optional.empty(), Optional.empty());
    }

    /** {@code schema_apply}/{@code branch_delete} targeting {@code target}. */
    public static GateScope targeting(String target) {
        return new GateScope(Optional.empty(), Optional.of(target), Optional.empty());
    }

    /** {@code branch_create} (from → new) and {@code branch_merge} (source → target). */
    public static GateScope fromTo(String branch, String target) {
        return new GateScope(Optional.of(branch), Optional.of(target), Optional.empty());
    }

    /** {@code invoke_query} of stored query {@code name}. */
    public static GateScope query(String name) {
        return new GateScope(Optional.empty(), Optional.empty(), Optional.of(name));
    }
}
