package io.omnigraph.server.mcp;

import io.omnigraph.server.api.GraphInfo;
import io.omnigraph.server.api.GraphListResponse;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.GraphService;

import java.util.Comparator;

/** The server-scoped tool {@code graphs_list} (gated by {@code graph_list} on the server bundle, as {@code GET /graphs}). */
final class ServerTools {
    static final String GRAPHS_LIST = "graphs_list";
    /** The argument naming the graph of a built-in tool on the server-scoped endpoint. */
    static final String GRAPH_ARG = "graph";

    private ServerTools() {
    }

    static boolean graphsListVisible(McpCaller c) {
        try {
            return c.authorizer().decide(c.actor(), c.view().serverPolicy(), AccessRequest.of(Action.GRAPH_LIST),
                    "the server").allowed();
        } catch (ApiException e) {
            return false;
        }
    }

    static GraphListResponse graphsList(McpCaller c) {
        c.authorizer().require(c.actor(), c.view().serverPolicy(), AccessRequest.of(Action.GRAPH_LIST), "the server");
        return new GraphListResponse(c.view().graphs().stream()
                .sorted(Comparator.comparing(GraphService::graphId))
                .map(g -> new GraphInfo(g.graphId(), g.uri()))
                .toList());
    }

    /** The graph named by the {@code graph} argument; unknown and quarantined graphs answer like {@code GET} 404. */
    static GraphService graph(McpCaller c, ToolArgs a) {
        String id = a.string(GRAPH_ARG);
        return c.view().graph(id).orElseThrow(() -> ApiException.notFound("graph '" + GraphTools.clip(id)
                + "' not found"));
    }
}
