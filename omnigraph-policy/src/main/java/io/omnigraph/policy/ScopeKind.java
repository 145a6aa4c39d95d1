package io.omnigraph.policy;

/** Which branch coordinates an {@link Action} is evaluated against (spec §5.2 "Scope kind"). */
public enum ScopeKind {
    /** The branch being read or written ({@code branch_scope} applies). */
    BRANCH,
    /** The branch being created, deleted, merged into or migrated ({@code target_branch_scope} applies). */
    TARGET_BRANCH,
    /** Graph-scoped, no branch coordinate (e.g. {@code invoke_query}, {@code admin}). */
    NONE,
    /** Server-scoped: evaluated against {@code Server::"root"}, never against a graph ({@code graph_list}). */
    SERVER
}
