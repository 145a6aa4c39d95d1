package io.omnigraph.server.mcp;

import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ReadTarget;

import java.util.Optional;
import java.util.Set;

/**
 * One MCP tool per stored query of a graph. The tool's input schema is typed from the {@code .gq} declaration
 * (see {@link Schemas#storedQuery}); its description is the query's {@code @description} and {@code @instruction}.
 * A call runs the stored-query invocation algorithm of {@code POST /graphs/{id}/queries/{name}}: {@code invoke_query}
 * for that name, then the inner gate ({@code read} on the target, or {@code change} + admission for a mutation).
 */
final class StoredQueryTools {
    static final String BRANCH = "branch";
    static final String SNAPSHOT = "snapshot";
    /** Tool-name suffix of a stored query whose name is already a built-in tool. */
    static final String SHADOW_SUFFIX = "_query";

    private StoredQueryTools() {
    }

    /** The tool name of stored query {@code name}: the name itself, or {@code <name>_query} if a built-in has it. */
    static String toolName(String name) {
        return GraphTools.isBuiltIn(name) ? name + SHADOW_SUFFIX : name;
    }

    static String description(QueryCatalogEntry q) {
        StringBuilder sb = new StringBuilder();
        sb.append(q.description().orElse("Stored " + (q.mutation() ? "mutation" : "query") + " '" + q.name() + "'."));
        q.instruction().ifPresent(i -> sb.append("\n\n").append(i));
        sb.append(q.mutation() ? "\n\n(Stored mutation: writes one commit to `branch`, default main.)"
                : "\n\n(Stored read: returns rows; `branch` or `snapshot` picks what to read, default main.)");
        return sb.toString();
    }

    /** Invokes stored query {@code q} with the tool's arguments. */
    static Object call(McpCaller c, GraphService g, QueryCatalogEntry q, ToolArgs a) {
        if (!c.decide(g, AccessRequest.invoke(q.name())).allowed() || g.storedQuery(q.name()).isEmpty()) {
            throw ApiException.notFound("stored query not found");
        }
        boolean branchIsControl = q.params().stream().noneMatch(p -> p.name().equals(BRANCH));
        boolean snapshotIsControl = !q.mutation() && q.params().stream().noneMatch(p -> p.name().equals(SNAPSHOT));
        Optional<String> branch = branchIsControl ? a.optionalString(BRANCH) : Optional.empty();
        Optional<String> snapshot = snapshotIsControl ? a.optionalString(SNAPSHOT) : Optional.empty();
        Set<String> control = Set.of(branchIsControl ? BRANCH : "", snapshotIsControl ? SNAPSHOT : "");
        var params = Optional.of(a.objectWithout(control));
        if (q.mutation()) {
            String b = branch.orElse(GraphTools.MAIN);
            c.require(g, AccessRequest.onBranch(Action.CHANGE, b));
            long estimate = q.name().length() + params.get().toString().length();
            try (AdmissionControl.Permit p = c.admit(estimate)) {
                return g.runStoredMutation(q.name(), params, b, c.writer(Optional.empty()));
            }
        }
        ReadTarget target = GraphTools.readTarget(c, g, branch, snapshot);
        return g.runStoredRead(q.name(), params, target);
    }
}
