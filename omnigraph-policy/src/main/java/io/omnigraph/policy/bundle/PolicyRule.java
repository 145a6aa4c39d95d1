package io.omnigraph.policy.bundle;

import io.omnigraph.policy.Action;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated allow rule: members of {@code group} may perform {@code actions}, optionally restricted by a branch
 * scope (read/export/change), a target-branch scope (schema_apply/branch_*) or — extension — a list of stored query
 * names ({@code invoke_query} only).
 *
 * @param index the position of the rule in the file's {@code rules} list (for diagnostics)
 */
public record PolicyRule(String id, int index, String group, List<Action> actions, Optional<BranchScope> branchScope,
                         Optional<BranchScope> targetBranchScope, Optional<List<String>> queries) {
    public PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        actions = List.copyOf(actions);
        Objects.requireNonNull(branchScope, "branchScope");
        Objects.requireNonNull(targetBranchScope, "targetBranchScope");
        queries = queries.map(List::copyOf);
    }

    /** The scope that applies to {@code action} under this rule, if any. */
    public Optional<BranchScope> scopeFor(Action action) {
        if (action.acceptsBranchScope()) {
            return branchScope;
        }
        if (action.acceptsTargetBranchScope()) {
            return targetBranchScope;
        }
        return Optional.empty();
    }

    public boolean allowsServerAction() {
        return actions.stream().anyMatch(Action::serverScoped);
    }

    public List<Action> graphActions() {
        return actions.stream().filter(a -> !a.serverScoped()).toList();
    }
}
