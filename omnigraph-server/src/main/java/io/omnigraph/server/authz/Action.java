package io.omnigraph.server.authz;

/**
 * The policy actions the HTTP layer asks about (cluster-server spec §5.2). {@link #GRAPH_LIST} is the only
 * server-scoped action; every other one is scoped to a graph.
 */
public enum Action {
    READ("read"),
    EXPORT("export"),
    CHANGE("change"),
    SCHEMA_APPLY("schema_apply"),
    BRANCH_CREATE("branch_create"),
    BRANCH_DELETE("branch_delete"),
    BRANCH_MERGE("branch_merge"),
    ADMIN("admin"),
    INVOKE_QUERY("invoke_query"),
    GRAPH_LIST("graph_list");

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    /** The action name used in policy bundles and decision messages. */
    public String wire() {
        return wire;
    }

    /** True for the server-scoped action ({@code graph_list}); false for graph-scoped ones. */
    public boolean serverScoped() {
        return this == GRAPH_LIST;
    }
}
