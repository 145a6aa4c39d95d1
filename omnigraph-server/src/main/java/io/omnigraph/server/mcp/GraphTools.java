package io.omnigraph.server.mcp;

import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.api.BranchListOutput;
import io.omnigraph.server.api.BranchMergeOutput;
import io.omnigraph.server.api.CommitListOutput;
import io.omnigraph.server.api.LoadMode;
import io.omnigraph.server.api.SchemaOutput;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.http.WriteRoutes;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.LoadCall;
import io.omnigraph.server.port.MutationCall;
import io.omnigraph.server.port.QueryCall;
import io.omnigraph.server.port.ReadTarget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in per-graph tools. Each one runs the same steps as its HTTP route — the policy gate with the same
 * request, admission for writes, then the same {@link GraphService} call — so MCP can do exactly what the caller's
 * bearer token may do over HTTP, and nothing more.
 */
final class GraphTools {
    static final String MAIN = "main";

    /** Runs one tool against a resolved graph. */
    @FunctionalInterface
    interface Handler {
        Object call(McpCaller caller, GraphService graph, ToolArgs args);
    }

    /** Whether the caller may see the tool on the graph. */
    @FunctionalInterface
    interface Visible {
        boolean test(Visibility v);
    }

    /**
     * One built-in tool.
     *
     * @param readOnly    MCP {@code readOnlyHint}
     * @param destructive MCP {@code destructiveHint}
     */
    record Tool(String name, String title, String description, Schemas.ObjectSchema input, boolean readOnly,
                boolean destructive, Visible visible, Handler handler) {
    }

    private GraphTools() {
    }

    /** Every built-in per-graph tool, in listing order. */
    static List<Tool> all() {
        return TOOLS;
    }

    /** Names of the built-in tools (stored queries may not shadow them). */
    static boolean isBuiltIn(String name) {
        return TOOLS.stream().anyMatch(t -> t.name().equals(name)) || name.equals(ServerTools.GRAPHS_LIST);
    }

    private static final Visible ALWAYS = v -> true;
    private static final Visible READ = v -> v.onSomeBranch(Action.READ);
    private static final Visible CHANGE = v -> v.onSomeBranch(Action.CHANGE);

    private static final List<Tool> TOOLS = List.of(
            new Tool("health", "Health", "Server status and version, and this graph's id.",
                    Schemas.object(), true, false, ALWAYS, GraphTools::health),
            new Tool("snapshot", "Snapshot", "The head snapshot of a branch: commit id and row counts per type.",
                    Schemas.object().optional("branch", Schemas.string("branch (default main)")), true, false, READ,
                    (c, g, a) -> {
                        String branch = a.optionalString("branch").orElse(MAIN);
                        c.require(g, AccessRequest.onBranch(Action.READ, branch));
                        return g.snapshot(branch);
                    }),
            new Tool("read", "Read query", "Runs an ad-hoc read query written in GQ (the .gq language) and returns its"
                    + " rows. Use schema_get first to learn the types.",
                    Schemas.object()
                            .required("query", Schemas.string("GQ source with one or more `query` declarations"))
                            .optional("name", Schemas.string("which declared query to run when the source has several"))
                            .optional("params", Schemas.anyObject("query parameters by name, without the $"))
                            .optional("branch", Schemas.string("branch to read (default main); not with snapshot"))
                            .optional("snapshot", Schemas.string("snapshot id to read (time travel); not with branch")),
                    true, false, READ, GraphTools::read),
            new Tool("schema_get", "Get schema", "The graph's live schema as .pg source.",
                    Schemas.object(), true, false, READ, (c, g, a) -> {
                        c.require(g, AccessRequest.of(Action.READ));
                        return new SchemaOutput(g.schemaSource());
                    }),
            new Tool("branches_list", "List branches", "Every branch of the graph, sorted.",
                    Schemas.object(), true, false, READ, (c, g, a) -> {
                        c.require(g, AccessRequest.of(Action.READ));
                        return new BranchListOutput(g.branches().stream().sorted().toList());
                    }),
            new Tool("branches_create", "Create branch", "Creates a branch at the head of another (default main)."
                    + " Agents should write on their own branch and ask a person to merge.",
                    Schemas.object().required("name", Schemas.string("the new branch"))
                            .optional("from", Schemas.string("source branch (default main)")),
                    false, false, v -> v.betweenSome(Action.BRANCH_CREATE), (c, g, a) -> {
                        String name = a.string("name");
                        String from = a.optionalString("from").orElse(MAIN);
                        c.require(g, AccessRequest.between(Action.BRANCH_CREATE, from, name));
                        try (AdmissionControl.Permit p = c.admit(AdmissionControl.BRANCH_OPERATION_BYTES)) {
                            return g.createBranch(name, from, c.writer(Optional.empty()));
                        }
                    }),
            new Tool("branches_delete", "Delete branch", "Deletes a branch (never main).",
                    Schemas.object().required("name", Schemas.string("the branch to delete")),
                    false, true, v -> v.targetingSome(Action.BRANCH_DELETE), (c, g, a) -> {
                        String name = a.string("name");
                        c.require(g, AccessRequest.targeting(Action.BRANCH_DELETE, name));
                        try (AdmissionControl.Permit p = c.admit(AdmissionControl.BRANCH_OPERATION_BYTES)) {
                            return g.deleteBranch(name, c.writer(Optional.empty()));
                        }
                    }),
            new Tool("branches_merge", "Merge branch", "Three-way merges a source branch into a target (default main)."
                    + " Conflicts are reported and change nothing.",
                    Schemas.object().required("source", Schemas.string("branch to merge"))
                            .optional("target", Schemas.string("branch merged into (default main)")),
                    false, false, v -> v.betweenSome(Action.BRANCH_MERGE), (c, g, a) -> {
                        String source = a.string("source");
                        String target = a.optionalString("target").orElse(MAIN);
                        c.require(g, AccessRequest.between(Action.BRANCH_MERGE, source, target));
                        try (AdmissionControl.Permit p = c.admit(AdmissionControl.BRANCH_OPERATION_BYTES)) {
                            return new BranchMergeOutput(source, target,
                                    g.mergeBranch(source, target, c.writer(Optional.empty())), c.actor(),
                                    Optional.empty(), Optional.empty());
                        }
                    }),
            new Tool("commits_list", "List commits", "The commits of a branch, newest first.",
                    Schemas.object().optional("branch", Schemas.string("branch (default main)")), true, false, READ,
                    (c, g, a) -> {
                        String branch = a.optionalString("branch").orElse(MAIN);
                        c.require(g, AccessRequest.onBranch(Action.READ, branch));
                        return new CommitListOutput(g.commits(branch));
                    }),
            new Tool("commits_get", "Get commit", "One commit by id.",
                    Schemas.object().required("commit_id", Schemas.string("the commit id")), true, false, READ,
                    (c, g, a) -> {
                        String id = a.string("commit_id");
                        c.require(g, AccessRequest.of(Action.READ));
                        return g.commit(id).orElseThrow(() -> ApiException.notFound("commit '" + clip(id)
                                + "' not found"));
                    }),
            new Tool("change", "Mutate", "Runs a GQ mutation (insert / update / delete) on a branch as one atomic"
                    + " commit.",
                    Schemas.object()
                            .required("query", Schemas.string("GQ source with the mutation"))
                            .optional("name", Schemas.string("which declared query to run when the source has several"))
                            .optional("params", Schemas.anyObject("parameters by name, without the $"))
                            .optional("branch", Schemas.string("branch to write to (default main)"))
                            .optional("if_graph_commit", Schemas.string("only write when the branch head is this"
                                    + " commit (optimistic concurrency)")),
                    false, true, CHANGE, GraphTools::change),
            new Tool("load", "Load NDJSON", "Bulk-loads NDJSON records (one node or edge per line) into a branch.",
                    Schemas.object()
                            .required("data", Schemas.string("NDJSON text"))
                            .optional("branch", Schemas.string("branch to load into (default main)"))
                            .optional("from", Schemas.string("create the branch from this one when it does not exist"))
                            .optional("mode", Schemas.enumOf("merge (default), append or overwrite",
                                    List.of("merge", "append", "overwrite"))),
                    false, true, CHANGE, GraphTools::load),
            new Tool("schema_apply", "Apply schema", "Asks to change the schema. In a cluster the schema is declared"
                    + " in cluster.yaml, so this explains how to apply it instead.",
                    Schemas.object().required("schema_source", Schemas.string("the new .pg source"))
                            .optional("allow_data_loss", Schemas.bool("accept dropping data")),
                    false, true, v -> v.allowed(AccessRequest.targeting(Action.SCHEMA_APPLY, MAIN)),
                    (c, g, a) -> {
                        a.string("schema_source");
                        c.require(g, AccessRequest.targeting(Action.SCHEMA_APPLY, MAIN));
                        throw ApiException.conflict(WriteRoutes.SCHEMA_APPLY_DISABLED);
                    }));

    private static Object health(McpCaller c, GraphService g, ToolArgs a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("version", c.version());
        out.put("graph_id", g.graphId());
        out.put("internal_schema_version", c.view().internalSchemaVersion());
        c.sourceVersion().ifPresent(v -> out.put("source_version", v));
        return out;
    }

    private static Object read(McpCaller c, GraphService g, ToolArgs a) {
        String query = a.string("query");
        ReadTarget target = readTarget(c, g, a.optionalString("branch"), a.optionalString("snapshot"));
        return g.query(new QueryCall(query, a.optionalString("name"), a.optionalObject("params"), target));
    }

    /** The read target and its gate, as {@code POST /query} resolves them. */
    static ReadTarget readTarget(McpCaller c, GraphService g, Optional<String> branch, Optional<String> snapshot) {
        if (branch.isPresent() && snapshot.isPresent()) {
            throw ApiException.badRequest("give either 'branch' or 'snapshot', not both");
        }
        if (snapshot.isPresent()) {
            String owner = g.snapshotBranch(snapshot.get());
            c.require(g, AccessRequest.onBranch(Action.READ, owner));
            return ReadTarget.snapshot(snapshot.get());
        }
        String b = branch.orElse(MAIN);
        c.require(g, AccessRequest.onBranch(Action.READ, b));
        return ReadTarget.branch(b);
    }

    private static Object change(McpCaller c, GraphService g, ToolArgs a) {
        String query = a.string("query");
        String branch = a.optionalString("branch").orElse(MAIN);
        Optional<com.fasterxml.jackson.databind.JsonNode> params = a.optionalObject("params");
        c.require(g, AccessRequest.onBranch(Action.CHANGE, branch));
        long estimate = query.length() + params.map(p -> (long) p.toString().length()).orElse(0L);
        try (AdmissionControl.Permit p = c.admit(estimate)) {
            return g.mutate(new MutationCall(query, a.optionalString("name"), params, branch,
                    c.writer(a.optionalString("if_graph_commit"))));
        }
    }

    private static Object load(McpCaller c, GraphService g, ToolArgs a) {
        String data = a.string("data");
        String branch = a.optionalString("branch").orElse(MAIN);
        Optional<String> from = a.optionalString("from");
        LoadMode mode = a.optionalString("mode").map(LoadMode::fromWire).orElse(LoadMode.MERGE);
        c.require(g, AccessRequest.onBranch(Action.CHANGE, branch));
        if (!g.branchExists(branch)) {
            if (from.isEmpty()) {
                throw ApiException.notFound("branch '" + clip(branch) + "' not found; pass \"from\" to create it"
                        + " from an existing branch");
            }
            c.require(g, AccessRequest.between(Action.BRANCH_CREATE, from.get(), branch));
        }
        try (AdmissionControl.Permit p = c.admit(data.length())) {
            return g.load(new LoadCall(data, branch, from, mode, c.writer(Optional.empty())));
        }
    }

    static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
