package io.omnigraph.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.omnigraph.server.mcp.McpFixture.client;
import static io.omnigraph.server.mcp.McpFixture.text;
import static io.omnigraph.server.mcp.McpFixture.toolNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MCP surface end to end: the official SDK client over loopback against a real cluster-booted server (real
 * engine, real Cedar bundles, Jetty), one server for the whole class.
 */
class McpHttpTest {
    private static final String GRAPH_MCP = "/graphs/knowledge/mcp";
    private static final List<String> READ_TOOLS = List.of("health", "snapshot", "read", "schema_get", "branches_list",
            "commits_list", "commits_get");

    @TempDir
    static Path dir;
    static ClusterFixture fixture;
    static Served served;

    @BeforeAll
    static void start() {
        fixture = McpFixture.cluster(dir);
        served = fixture.serve(false, McpFixture.TOKENS);
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    private McpSyncClient as(String token) {
        return client(served.http.base(), GRAPH_MCP, Optional.of(token));
    }

    @Test
    void initializeNamesTheServerAndItsCapabilities() {
        try (McpSyncClient c = as("reader-token")) {
            McpSchema.InitializeResult init = c.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("omnigraph");
            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.capabilities().resources()).isNotNull();
            assertThat(init.instructions()).contains("knowledge");
        }
    }

    @Test
    void toolsListShowsEachActorOnlyWhatItMayCall() {
        try (McpSyncClient admin = as("admin-token"); McpSyncClient agent = as("agent-token");
             McpSyncClient reader = as("reader-token")) {
            // admin: everything except schema_apply (not granted); stored queries except the one hidden from MCP
            assertThat(toolNames(admin)).containsAll(READ_TOOLS)
                    .contains("branches_create", "branches_delete", "branches_merge", "change", "load")
                    .contains("find_person", "count_people", "add_person")
                    .doesNotContain("schema_apply", "internal_audit", "graphs_list");
            // curated agent: reads, writes on unprotected branches, branch creation, two named stored queries
            assertThat(toolNames(agent)).containsAll(READ_TOOLS)
                    .contains("change", "load", "branches_create", "find_person", "add_person")
                    .doesNotContain("count_people", "internal_audit", "branches_delete", "branches_merge",
                            "schema_apply");
            // reader: reads only, no stored queries (no invoke_query)
            assertThat(toolNames(reader)).containsExactlyInAnyOrderElementsOf(READ_TOOLS);
        }
    }

    @Test
    void storedQueryToolHasATypedSchemaFromTheDeclaration() {
        try (McpSyncClient admin = as("admin-token")) {
            McpSchema.Tool add = admin.listTools().tools().stream().filter(t -> t.name().equals("add_person"))
                    .findFirst().orElseThrow();
            assertThat(add.description()).startsWith("Add a person.");
            JsonNode schema = WireJson.mapper().valueToTree(add.inputSchema());
            assertThat(schema.path("properties").path("slug").path("type").asText()).isEqualTo("string");
            assertThat(schema.path("properties").path("age").path("type").toString()).isEqualTo("[\"integer\",\"null\"]");
            assertThat(schema.path("properties").has("branch")).isTrue();
            assertThat(schema.path("properties").has("snapshot")).isFalse();
            assertThat(schema.path("required").toString()).isEqualTo("[\"slug\",\"name\"]");
            assertThat(add.annotations().destructiveHint()).isTrue();

            McpSchema.Tool find = admin.listTools().tools().stream().filter(t -> t.name().equals("find_person"))
                    .findFirst().orElseThrow();
            assertThat(find.annotations().readOnlyHint()).isTrue();
            assertThat(WireJson.mapper().valueToTree(find.inputSchema()).path("properties").has("snapshot")).isTrue();
        }
    }

    @Test
    void storedReadReturnsRows() throws Exception {
        try (McpSyncClient agent = as("agent-token")) {
            McpSchema.CallToolResult r = agent.callTool(new McpSchema.CallToolRequest("find_person",
                    Map.of("name", "Ada")));
            assertThat(r.isError()).isFalse();
            JsonNode out = WireJson.mapper().readTree(text(r));
            assertThat(out.path("row_count").asInt()).isEqualTo(1);
            assertThat(out.path("rows").get(0).toString()).contains("ada").contains("36");
            assertThat(r.structuredContent()).isNotNull();
        }
    }

    @Test
    void storedMutationWritesOnTheAgentsBranchOnly() throws Exception {
        int mainBefore = fixture.commitCount("knowledge", "main");
        try (McpSyncClient agent = as("agent-token")) {
            McpSchema.CallToolResult created = agent.callTool(new McpSchema.CallToolRequest("branches_create",
                    Map.of("name", "agent-mut")));
            assertThat(created.isError()).as(text(created)).isFalse();
            McpSchema.CallToolResult r = agent.callTool(new McpSchema.CallToolRequest("add_person",
                    Map.of("slug", "cy", "name", "Cy", "branch", "agent-mut")));
            assertThat(r.isError()).as(text(r)).isFalse();
            McpSchema.CallToolResult read = agent.callTool(new McpSchema.CallToolRequest("find_person",
                    Map.of("name", "Cy", "branch", "agent-mut")));
            assertThat(WireJson.mapper().readTree(text(read)).path("row_count").asInt()).isEqualTo(1);
            // main is protected: the visible `change` tool is refused there, with the HTTP route's 403
            McpSchema.CallToolResult denied = agent.callTool(new McpSchema.CallToolRequest("add_person",
                    Map.of("slug", "dee", "name", "Dee")));
            assertThat(denied.isError()).isTrue();
            JsonNode err = WireJson.mapper().readTree(text(denied));
            assertThat(err.path("status").asInt()).isEqualTo(403);
            assertThat(err.path("code").asText()).isEqualTo("forbidden");
        }
        assertThat(fixture.commitCount("knowledge", "main")).isEqualTo(mainBefore);
    }

    @Test
    void inlineMutationAndRead() throws Exception {
        try (McpSyncClient admin = as("admin-token")) {
            McpSchema.CallToolResult w = admin.callTool(new McpSchema.CallToolRequest("change", Map.of(
                    "query", "query add($s: String, $n: String) { insert Person { slug: $s, name: $n } }",
                    "params", Map.of("s", "eve", "n", "Eve"), "branch", "main")));
            assertThat(w.isError()).as(text(w)).isFalse();
            McpSchema.CallToolResult r = admin.callTool(new McpSchema.CallToolRequest("read", Map.of(
                    "query", "query q() { match { $p: Person { slug: \"eve\" } } return { $p.name } }")));
            assertThat(r.isError()).as(text(r)).isFalse();
            assertThat(text(r)).contains("Eve");
        }
    }

    @Test
    void deniedCallIsIndistinguishableFromUnknownTool() {
        try (McpSyncClient agent = as("agent-token")) {
            McpError denied = callError(agent, "count_people");
            McpError unknown = callError(agent, "no_such_tool");
            McpError hidden = callError(agent, "internal_audit");
            assertThat(denied.getJsonRpcError().code()).isEqualTo(unknown.getJsonRpcError().code())
                    .isEqualTo(hidden.getJsonRpcError().code());
            assertThat(denied.getJsonRpcError().message().replace("count_people", "X"))
                    .isEqualTo(unknown.getJsonRpcError().message().replace("no_such_tool", "X"))
                    .isEqualTo(hidden.getJsonRpcError().message().replace("internal_audit", "X"));
        }
        try (McpSyncClient reader = as("reader-token")) {
            McpError denied = callError(reader, "change");
            McpError unknown = callError(reader, "no_such_tool");
            assertThat(denied.getJsonRpcError().message().replace("change", "X"))
                    .isEqualTo(unknown.getJsonRpcError().message().replace("no_such_tool", "X"));
        }
    }

    private static McpError callError(McpSyncClient c, String tool) {
        try {
            McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, Map.of()));
            throw new AssertionError("expected an error for " + tool + ", got " + r);
        } catch (McpError e) {
            return e;
        }
    }

    /** The per-query scope reaches Cedar on the HTTP route too; mcp.expose only hides the MCP tool. */
    @Test
    void httpInvocationHonoursQueryScopesAndIgnoresMcpExposure() {
        var agentDenied = served.post("/graphs/knowledge/queries/count_people", "{}",
                io.omnigraph.server.cluster.testing.Served.bearer("agent-token"));
        var unknown = served.post("/graphs/knowledge/queries/nope", "{}",
                io.omnigraph.server.cluster.testing.Served.bearer("agent-token"));
        assertThat(agentDenied.status()).isEqualTo(404);
        assertThat(agentDenied.body()).isEqualTo(unknown.body()); // byte for byte
        var agentAllowed = served.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"Ada\"}}",
                io.omnigraph.server.cluster.testing.Served.bearer("agent-token"));
        assertThat(agentAllowed.status()).isEqualTo(200);
        var hiddenFromMcp = served.post("/graphs/knowledge/queries/internal_audit", "{}",
                io.omnigraph.server.cluster.testing.Served.bearer("admin-token"));
        assertThat(hiddenFromMcp.status()).isEqualTo(200);
    }

    @Test
    void wrongArgumentTypesAreToolErrorsNamingTheArgument() {
        try (McpSyncClient agent = as("agent-token")) {
            McpSchema.CallToolResult r = agent.callTool(new McpSchema.CallToolRequest("find_person",
                    Map.of("name", 42)));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("name");
        }
    }

    @Test
    void resourcesListAndRead() {
        try (McpSyncClient reader = as("reader-token")) {
            assertThat(reader.listResources().resources()).extracting(McpSchema.Resource::uri)
                    .containsExactly("omnigraph://schema", "omnigraph://branches");
            McpSchema.ReadResourceResult schema = reader.readResource(new McpSchema.ReadResourceRequest(
                    "omnigraph://schema"));
            assertThat(((McpSchema.TextResourceContents) schema.contents().get(0)).text()).contains("node Person");
            McpSchema.ReadResourceResult branches = reader.readResource(new McpSchema.ReadResourceRequest(
                    "omnigraph://branches"));
            assertThat(((McpSchema.TextResourceContents) branches.contents().get(0)).text()).contains("\"main\"");
        }
    }

    @Test
    void serverScopedEndpointListsGraphsForActorsWithGraphList() throws Exception {
        try (McpSyncClient admin = client(served.http.base(), "/mcp", Optional.of("admin-token"));
             McpSyncClient reader = client(served.http.base(), "/mcp", Optional.of("reader-token"))) {
            assertThat(toolNames(admin)).contains("graphs_list", "read", "schema_get");
            McpSchema.CallToolResult graphs = admin.callTool(new McpSchema.CallToolRequest("graphs_list", Map.of()));
            assertThat(WireJson.mapper().readTree(text(graphs)).path("graphs").get(0).path("graph_id").asText())
                    .isEqualTo("knowledge");
            assertThat(admin.readResource(new McpSchema.ReadResourceRequest("omnigraph://graphs")).contents())
                    .hasSize(1);
            // the graph tools take a `graph` argument here
            McpSchema.CallToolResult schema = admin.callTool(new McpSchema.CallToolRequest("schema_get",
                    Map.of("graph", "knowledge")));
            assertThat(text(schema)).contains("node Person");
            McpSchema.CallToolResult ghost = admin.callTool(new McpSchema.CallToolRequest("schema_get",
                    Map.of("graph", "ghost")));
            assertThat(ghost.isError()).isTrue();
            assertThat(text(ghost)).contains("graph 'ghost' not found");

            assertThat(toolNames(reader)).doesNotContain("graphs_list").contains("read");
            assertThat(reader.listResources().resources()).isEmpty();
        }
    }

    @Test
    void authIsTheServersBearerToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String init = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        HttpResponse<String> noToken = http.send(post(GRAPH_MCP, init, Optional.empty()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("\"code\":\"unauthorized\"");
        HttpResponse<String> badToken = http.send(post("/mcp", init, Optional.of("nope")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> client(served.http.base(), GRAPH_MCP, Optional.of("nope")))
                .isInstanceOf(RuntimeException.class);

        HttpResponse<String> ok = http.send(post(GRAPH_MCP, init, Optional.of("reader-token")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(ok.body()).contains("\"omnigraph\"");

        HttpResponse<String> ghost = http.send(post("/graphs/ghost/mcp", init, Optional.of("reader-token")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ghost.statusCode()).isEqualTo(404);
        assertThat(ghost.body()).contains("graph 'ghost' not found");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(served.http.base() + GRAPH_MCP))
                .header("Authorization", "Bearer reader-token").header("Accept", "text/event-stream").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    private HttpRequest post(String path, String body, Optional<String> token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(served.http.base() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b.timeout(Duration.ofSeconds(30)).build();
    }
}
