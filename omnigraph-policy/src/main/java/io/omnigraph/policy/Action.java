package io.omnigraph.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every action the policy model knows (spec §5.2), with its snake_case wire name and its scope kind.
 * The names are the ones written in bundle files, test files and {@code policy explain --action}.
 */
public enum Action {
    READ("read", ScopeKind.BRANCH),
    EXPORT("export", ScopeKind.BRANCH),
    CHANGE("change", ScopeKind.BRANCH),
    SCHEMA_APPLY("schema_apply", ScopeKind.TARGET_BRANCH),
    BRANCH_CREATE("branch_create", ScopeKind.TARGET_BRANCH),
    BRANCH_DELETE("branch_delete", ScopeKind.TARGET_BRANCH),
    BRANCH_MERGE("branch_merge", ScopeKind.TARGET_BRANCH),
    ADMIN("admin", ScopeKind.NONE),
    INVOKE_QUERY("invoke_query", ScopeKind.NONE),
    GRAPH_LIST("graph_list", ScopeKind.SERVER);

    private final String wireName;
    private final ScopeKind scopeKind;

    Action(String wireName, ScopeKind scopeKind) {
        this.wireName = wireName;
        this.scopeKind = scopeKind;
    }

    /** The snake_case name used in bundles, test files, CLI flags and Cedar action ids. */
    public String wireName() {
        return wireName;
    }

    public ScopeKind scopeKind() {
        return scopeKind;
    }

    /** True for {@code graph_list}, the only action evaluated against the server rather than a graph. */
    public boolean serverScoped() {
        return scopeKind == ScopeKind.SERVER;
    }

    /** True when a rule may restrict this action with {@code branch_scope} (read, export, change). */
    public boolean acceptsBranchScope() {
        return scopeKind == ScopeKind.BRANCH;
    }

    /** True when a rule may restrict this action with {@code target_branch_scope}. */
    public boolean acceptsTargetBranchScope() {
        return scopeKind == ScopeKind.TARGET_BRANCH;
    }

    /** Looks an action up by its wire name (exact, case-sensitive). */
    public static Optional<Action> fromWireName(String name) {
        for (Action a : values()) {
            if (a.wireName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** All wire names, in declaration order, for error messages and help texts. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Action::wireName).toList();
    }

    /** {@code "read, export, change"} style list of the actions matching a scope kind. */
    public static String namesOf(ScopeKind kind) {
        return Arrays.stream(values()).filter(a -> a.scopeKind == kind).map(Action::wireName)
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
