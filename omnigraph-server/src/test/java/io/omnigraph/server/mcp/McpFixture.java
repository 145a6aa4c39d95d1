package io.omnigraph.server.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.omnigraph.server.cluster.testing.ClusterFixture;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real cluster for MCP tests: a people graph with four stored queries (one hidden from MCP by cluster.yaml), a graph
 * bundle with three kinds of actors (admin, curated agent, reader) and a server bundle granting {@code graph_list} to
 * the admin only. Applied with the real control plane and served by the real server (Cedar, engine, Jetty).
 */
final class McpFixture {
    static final String PG = "node Person {\n    slug: String @key\n    name: String\n    age: I32?\n}\n";
    static final String GQ = """
            query find_person($name: String) @description("Look a person up by name.") {
                match { $p: Person { name: $name } }
                return { $p.slug, $p.name, $p.age }
            }

            query count_people() @description("How many people there are.") {
                match { $p: Person }
                return { count($p) as n }
            }

            query add_person($slug: String, $name: String, $age: I32?) @description("Add a person.") {
                insert Person { slug: $slug, name: $name, age: $age }
            }

            query internal_audit() {
                match { $p: Person }
                return { $p.slug }
            }
            """;
    static final String GRAPH_POLICY = """
            version: 1
            groups:
              admins: [act-admin]
              agents: [act-agent]
              readers: [act-reader]
            protected_branches: [main]
            rules:
              - id: admins-all
                allow:
                  actors: { group: admins }
                  actions: [read, change, branch_create, branch_delete, branch_merge, invoke_query]
              - id: agents-read
                allow:
                  actors: { group: agents }
                  actions: [read]
              - id: agents-write-unprotected
                allow:
                  actors: { group: agents }
                  actions: [change]
                  branch_scope: unprotected
              - id: agents-branch
                allow:
                  actors: { group: agents }
                  actions: [branch_create]
                  target_branch_scope: unprotected
              - id: agents-curated
                allow:
                  actors: { group: agents }
                  actions: [invoke_query]
                  queries: [find_person, add_person]
              - id: readers-read
                allow:
                  actors: { group: readers }
                  actions: [read]
            """;
    static final String SERVER_POLICY = """
            version: 1
            groups:
              admins: [act-admin]
            rules:
              - id: admins-list
                allow:
                  actors: { group: admins }
                  actions: [graph_list]
            """;
    static final String CLUSTER = """
            version: 1
            metadata:
              name: mcp-test
            state: { backend: cluster, lock: true }
            graphs:
              knowledge:
                schema: ./people.pg
                queries:
                  find_person: { file: ./people.gq }
                  count_people: { file: ./people.gq }
                  add_person: { file: ./people.gq }
                  internal_audit: { file: ./people.gq, mcp: { expose: false } }
            policies:
              base: { file: ./graph.policy.yaml, applies_to: [knowledge] }
              server: { file: ./server.policy.yaml, applies_to: [cluster] }
            """;
    static final Map<String, String> TOKENS = Map.of("act-admin", "admin-token", "act-agent", "agent-token",
            "act-reader", "reader-token");

    private McpFixture() {
    }

    static ClusterFixture cluster(Path dir) {
        ClusterFixture f = new ClusterFixture(dir);
        f.write("people.pg", PG).write("people.gq", GQ).write("graph.policy.yaml", GRAPH_POLICY)
                .write("server.policy.yaml", SERVER_POLICY).write("cluster.yaml", CLUSTER);
        f.converge();
        f.load("knowledge", """
                {"type":"Person","data":{"slug":"ada","name":"Ada","age":36}}
                {"type":"Person","data":{"slug":"bob","name":"Bob"}}
                """);
        return f;
    }

    /** An initialized SDK client for {@code endpoint} with {@code token} (none when empty). */
    static McpSyncClient client(String base, String endpoint, Optional<String> token) {
        HttpRequest.Builder rb = HttpRequest.newBuilder();
        token.ifPresent(t -> rb.header("Authorization", "Bearer " + t));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint).requestBuilder(rb).connectTimeout(Duration.ofSeconds(5)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    static List<String> toolNames(McpSyncClient c) {
        return c.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }
}
