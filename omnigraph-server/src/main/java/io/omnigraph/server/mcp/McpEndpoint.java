package io.omnigraph.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.omnigraph.server.api.BranchListOutput;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.GraphService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The MCP surface: a stateless Streamable-HTTP MCP server (official MCP Java SDK) per request, holding exactly the
 * tools and resources the calling actor may use.
 *
 * <p>Two scopes: {@code /graphs/{id}/mcp} serves one graph (built-in tools, one tool per exposed stored query,
 * resources {@code omnigraph://schema} and {@code omnigraph://branches}); {@code /mcp} serves the server
 * ({@code graphs_list}, resource {@code omnigraph://graphs}, and the built-in tools with a required {@code graph}
 * argument). Authentication is the HTTP layer's: the caller arrives already resolved.
 *
 * <p>Why per request: what a caller may see depends on the actor and on the served revision (hot reload), and a
 * tool the caller may not call must be indistinguishable from a tool that does not exist. Building the server with
 * only the permitted tools makes the SDK itself answer both cases with the same "unknown tool" error. Building costs
 * a few object allocations; policy decisions are memoized per revision.
 */
public final class McpEndpoint {
    /** Server name reported by {@code initialize}. */
    public static final String SERVER_NAME = "omnigraph";
    /** The path suffix the transport accepts (both endpoints end with it). */
    public static final String PATH_SUFFIX = "/mcp";

    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator(new ObjectMapper());

    private McpEndpoint() {
    }

    /** The JSON mapper of the MCP layer (shared by the stdio bridge). */
    public static McpJsonMapper json() {
        return JSON;
    }

    /** Serves one HTTP request to {@code /graphs/{id}/mcp}. */
    public static void serveGraph(HttpServletRequest req, HttpServletResponse res, McpCaller caller, GraphService graph,
                                  int maxRequestBytes) throws IOException, ServletException {
        serve(req, res, maxRequestBytes, t -> build(t, caller, Optional.of(graph)));
    }

    /** Serves one HTTP request to {@code /mcp}. */
    public static void serveServer(HttpServletRequest req, HttpServletResponse res, McpCaller caller,
                                   int maxRequestBytes) throws IOException, ServletException {
        serve(req, res, maxRequestBytes, t -> build(t, caller, Optional.empty()));
    }

    private static void serve(HttpServletRequest req, HttpServletResponse res, int maxRequestBytes,
                              Function<McpStatelessServerTransport, McpStatelessSyncServer> factory)
            throws IOException, ServletException {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(JSON).messageEndpoint(PATH_SUFFIX).maxRequestSize(maxRequestBytes).build();
        McpStatelessSyncServer server = factory.apply(transport);
        try {
            transport.service(req, res);
        } finally {
            server.close();
        }
    }

    /**
     * Handles one JSON-RPC message in process (the embedded stdio server): the JSON-RPC response, or empty for a
     * notification.
     *
     * @param graph the graph served, or empty for the server scope
     */
    public static Optional<String> handle(String message, McpCaller caller, Optional<GraphService> graph) {
        CapturingTransport transport = new CapturingTransport();
        McpStatelessSyncServer server = build(transport, caller, graph);
        try {
            McpSchema.JSONRPCMessage msg;
            try {
                msg = McpSchema.deserializeJsonRpcMessage(JSON, message);
            } catch (IOException | RuntimeException e) {
                return Optional.of(write(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, null, null,
                        new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.PARSE_ERROR,
                                "invalid JSON-RPC message: " + e.getMessage(), null))));
            }
            McpTransportContext ctx = McpTransportContext.create(Map.of());
            if (msg instanceof McpSchema.JSONRPCRequest r) {
                McpSchema.JSONRPCResponse response = transport.handler.handleRequest(ctx, r)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, ctx)).block();
                return Optional.of(write(response));
            }
            if (msg instanceof McpSchema.JSONRPCNotification n) {
                transport.handler.handleNotification(ctx, n).contextWrite(c -> c.put(McpTransportContext.KEY, ctx))
                        .block();
            }
            return Optional.empty();
        } finally {
            server.close();
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize an MCP message", e);
        }
    }

    /** A transport for in-process use: it only keeps the handler the server installs. */
    private static final class CapturingTransport implements McpStatelessServerTransport {
        private McpStatelessServerHandler handler;

        @Override
        public void setMcpHandler(McpStatelessServerHandler handler) {
            this.handler = handler;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ assembly

    static McpStatelessSyncServer build(McpStatelessServerTransport transport, McpCaller caller,
                                        Optional<GraphService> graph) {
        List<SyncToolSpecification> tools = graph.isPresent() ? graphTools(caller, graph.get()) : serverTools(caller);
        List<SyncResourceSpecification> resources = graph.isPresent() ? graphResources(caller, graph.get())
                : serverResources(caller);
        return McpServer.sync(transport)
                .serverInfo(SERVER_NAME, caller.version())
                .instructions(instructions(graph))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .jsonMapper(JSON)
                .jsonSchemaValidator(VALIDATOR)
                .validateToolInputs(true)
                .immediateExecution(true)
                .tools(tools)
                .resources(resources)
                .build();
    }

    private static String instructions(Optional<GraphService> graph) {
        return graph.map(g -> "OmniGraph graph '" + g.graphId() + "': a typed, versioned property graph. Read the"
                        + " schema (schema_get or omnigraph://schema), query with `read` or the stored-query tools, and"
                        + " write on your own branch (branches_create, then change/load); people review and merge.")
                .orElse("OmniGraph server: graphs_list names the served graphs; every graph tool takes a `graph`"
                        + " argument. For one graph, connect to /graphs/<id>/mcp instead.");
    }

    static List<SyncToolSpecification> graphTools(McpCaller caller, GraphService graph) {
        List<SyncToolSpecification> out = new ArrayList<>();
        Visibility v = new Visibility(caller, graph);
        for (GraphTools.Tool t : GraphTools.all()) {
            if (t.visible().test(v)) {
                out.add(spec(t.name(), t.title(), t.description(), t.input().build(), t.readOnly(), t.destructive(),
                        args -> t.handler().call(caller, graph, args)));
            }
        }
        for (QueryCatalogEntry q : graph.storedQueries()) {
            if (!graph.exposedToMcp(q.name()) || !v.storedQuery(q.name(), q.mutation())) {
                continue;
            }
            out.add(spec(StoredQueryTools.toolName(q.name()), q.name(), StoredQueryTools.description(q),
                    Schemas.storedQuery(q).build(), !q.mutation(), q.mutation(),
                    args -> StoredQueryTools.call(caller, graph, q, args)));
        }
        return out;
    }

    static List<SyncToolSpecification> serverTools(McpCaller caller) {
        List<SyncToolSpecification> out = new ArrayList<>();
        if (ServerTools.graphsListVisible(caller)) {
            out.add(spec(ServerTools.GRAPHS_LIST, "List graphs", "The graphs this server serves (id and storage uri).",
                    Schemas.object().build(), true, false, args -> ServerTools.graphsList(caller)));
        }
        List<Visibility> graphs = caller.view().graphs().stream().map(g -> new Visibility(caller, g)).toList();
        for (GraphTools.Tool t : GraphTools.all()) {
            if (graphs.stream().noneMatch(t.visible()::test)) {
                continue;
            }
            out.add(spec(t.name(), t.title(), t.description(),
                    t.input().withFirstRequired(ServerTools.GRAPH_ARG, Schemas.string("the graph id (see graphs_list)"))
                            .build(), t.readOnly(), t.destructive(),
                    args -> t.handler().call(caller, ServerTools.graph(caller, args), args)));
        }
        return out;
    }

    private static SyncToolSpecification spec(String name, String title, String description, Map<String, Object> input,
                                              boolean readOnly, boolean destructive,
                                              Function<ToolArgs, Object> body) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .inputSchema(input)
                .annotations(new McpSchema.ToolAnnotations(title, readOnly, destructive, readOnly, false, null))
                .build();
        return new SyncToolSpecification(tool, (ctx, req) -> ToolResults.run(name,
                () -> body.apply(new ToolArgs(name, req.arguments()))));
    }

    // ------------------------------------------------------------------------------------------------ resources

    static final String SCHEMA_URI = "omnigraph://schema";
    static final String BRANCHES_URI = "omnigraph://branches";
    static final String GRAPHS_URI = "omnigraph://graphs";

    static List<SyncResourceSpecification> graphResources(McpCaller caller, GraphService graph) {
        if (!caller.allowed(graph, AccessRequest.of(Action.READ))) {
            return List.of();
        }
        return List.of(
                resource(SCHEMA_URI, "schema", "The graph's live schema (.pg source)", "text/plain", () -> {
                    caller.require(graph, AccessRequest.of(Action.READ));
                    return graph.schemaSource();
                }),
                resource(BRANCHES_URI, "branches", "The graph's branches (JSON)", "application/json", () -> {
                    caller.require(graph, AccessRequest.of(Action.READ));
                    return WireJson.writeString(new BranchListOutput(graph.branches().stream().sorted().toList()));
                }));
    }

    static List<SyncResourceSpecification> serverResources(McpCaller caller) {
        if (!ServerTools.graphsListVisible(caller)) {
            return List.of();
        }
        return List.of(resource(GRAPHS_URI, "graphs", "The graphs this server serves (JSON)", "application/json",
                () -> WireJson.writeString(ServerTools.graphsList(caller))));
    }

    private static SyncResourceSpecification resource(String uri, String name, String description, String mime,
                                                      java.util.function.Supplier<String> text) {
        McpSchema.Resource r = McpSchema.Resource.builder().uri(uri).name(name).description(description).mimeType(mime)
                .build();
        return new SyncResourceSpecification(r, (ctx, req) -> {
            String body;
            try {
                body = text.get();
            } catch (ApiException e) {
                throw io.modelcontextprotocol.spec.McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message(e.getMessage()).build();
            }
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mime, body)));
        });
    }
}
