package io.omnigraph.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.contract.OpenApiContract;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /healthz, /openapi.json and the route table against the contract. */
class MetaHttpTest {
    @Test
    void health() {
        try (TestServer s = TestServer.open(FakeCluster.withKnowledge())) {
            Resp r = s.get("/healthz");
            assertThat(r.json().path("status").asText()).isEqualTo("ok");
            assertThat(r.json().path("version").asText()).isNotBlank();
            assertThat(r.json().path("internal_schema_version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void openApiDocumentStripsSecurityOnlyWithoutAuth() {
        try (TestServer open = TestServer.open(FakeCluster.withKnowledge());
             TestServer secured = TestServer.withTokens(FakeCluster.withKnowledge(), Map.of("a", "t"))) {
            JsonNode openDoc = open.get("/openapi.json").json();
            JsonNode securedDoc = secured.get("/openapi.json").json();
            assertThat(openDoc.path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(openDoc.findValues("security")).isEmpty();
            assertThat(securedDoc.findValues("security")).isNotEmpty();
            assertThat(securedDoc).isEqualTo(OpenApiContract.get().document());
            assertThat(openDoc.path("paths").size()).isEqualTo(securedDoc.path("paths").size());
        }
    }

    /**
     * Every operation of openapi.json is registered, and nothing else except the document itself, the two operator
     * routes (documented in docs/server.md; they answer 404 unless the backend can reload), the two MCP endpoints
     * (JSON-RPC, documented in docs/mcp.md) and the review console's static routes (docs/console.md).
     */
    @Test
    void routeTableMatchesTheContract() {
        try (TestServer s = TestServer.open(FakeCluster.withKnowledge())) {
            List<String> expected = new ArrayList<>(OpenApiContract.get().operations());
            expected.add("GET /openapi.json");
            expected.add("POST /admin/reload");
            expected.add("GET /admin/status");
            expected.add("POST /mcp");
            expected.add("POST /graphs/{graph_id}/mcp");
            expected.add("GET /ui");
            expected.add("GET /ui/<path>");
            assertThat(s.server().routes()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Every per-graph operation answers an unknown graph with the resolver's 404 (so every one is wired up). */
    @Test
    void everyPerGraphOperationGoesThroughTheResolver() {
        try (TestServer s = TestServer.open(FakeCluster.withKnowledge())) {
            for (String op : OpenApiContract.get().operations()) {
                String[] parts = op.split(" ", 2);
                if (!parts[1].startsWith("/graphs/{graph_id}")) {
                    continue;
                }
                String path = parts[1].replace("{graph_id}", "ghost").replace("{name}", "q").replace("{branch}", "b")
                        .replace("{commit_id}", "c");
                Resp r = s.send(parts[0], path, java.net.http.HttpRequest.BodyPublishers.noBody());
                assertThat(r.status()).as(op).isEqualTo(404);
                if (!parts[0].equals("HEAD")) {
                    assertThat(r.error()).as(op).isEqualTo("graph 'ghost' not found");
                }
            }
        }
    }
}
