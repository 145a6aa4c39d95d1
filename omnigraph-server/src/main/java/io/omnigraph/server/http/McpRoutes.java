package io.omnigraph.server.http;

import io.omnigraph.server.mcp.McpCaller;
import io.omnigraph.server.mcp.McpEndpoint;
import io.omnigraph.server.port.ServedCluster;

/**
 * The MCP endpoints (Streamable HTTP, stateless): {@code POST /graphs/{graph_id}/mcp} for one graph and
 * {@code POST /mcp} for the server. They sit behind the same bearer middleware and graph resolver as every route;
 * {@code GET}/{@code DELETE} answer 405 (no server-initiated stream, no sessions), which MCP clients accept.
 */
final class McpRoutes {
    private McpRoutes() {
    }

    static void register(Router router, Services s) {
        router.post("/graphs/{graph_id}/mcp", GraphCall.resolve(s, call -> McpEndpoint.serveGraph(call.ctx.req(),
                call.ctx.res(), caller(s, call.caller, call.view), call.graph, maxBytes(s))));
        router.post("/mcp", ctx -> {
            Caller caller = ctx.attribute(Caller.ATTRIBUTE);
            try (ServedCluster.Pinned pinned = s.cluster().pin()) {
                McpEndpoint.serveServer(ctx.req(), ctx.res(), caller(s, caller == null ? Caller.ANONYMOUS : caller,
                        pinned.view()), maxBytes(s));
            }
        });
    }

    private static McpCaller caller(Services s, Caller caller, ServedCluster view) {
        return new McpCaller(caller.actor(), s.authorizer(), s.admission(), view, s.config().version(),
                s.config().sourceVersion());
    }

    /** MCP messages carry load data too, so they get the load body limit. */
    private static int maxBytes(Services s) {
        return (int) Math.min(Integer.MAX_VALUE, s.config().limits().loadBodyBytes());
    }
}
