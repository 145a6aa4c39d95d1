package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search through the cluster-served HTTP server: the graph's {@code embedding_provider} profile becomes the engine
 * embedder, so an HTTP load fills {@code @embed} vectors and String {@code nearest} queries are embedded at query time;
 * bm25 and rrf answer through stored and ad-hoc queries.
 */
class SearchRoutesTest {
    static final String ANDREW = "t-andrew";
    static final String AGENT = "t-agent1";
    static final Map<String, String> TOKENS = Map.of("andrew", ANDREW, "agent-1", AGENT);

    @TempDir
    Path tmp;

    static List<String> slugs(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("d.slug").asText()));
        return out;
    }

    static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    @Test
    void theProviderProfileEmbedsLoadsAndQueries() {
        ClusterFixture f = ClusterFixture.companyBrain(tmp.resolve("cb")).converge();
        try (Served s = f.serve(false, TOKENS)) {
            EngineGraphService g = s.server.cluster().runtime().services().get("knowledge");
            assertThat(g.embedder()).isPresent();
            assertThat(g.embedder().get().provider()).isEqualTo("mock");

            Resp load = s.post("/graphs/knowledge/load", "{\"data\":" + quote(f.read("seed.jsonl")) + "}", bearer(ANDREW));
            assertThat(load.status()).as(load.toString()).isEqualTo(200);

            // @embed(body) was filled at load: a String nearest finds the document whose body says it
            Resp similar = s.post("/graphs/knowledge/queries/similar_docs",
                    "{\"params\":{\"q\":\"Reciprocal rank fusion combines full text bm25 ranking with nearest neighbour vector search.\"}}",
                    bearer(AGENT));
            assertThat(similar.status()).as(similar.toString()).isEqualTo(200);
            assertThat(slugs(similar.json().path("rows"))).hasSize(3).startsWith("compass-rrf");

            Resp bm25 = s.post("/graphs/knowledge/queries/search_docs", "{\"params\":{\"q\":\"merge a branch\"}}", bearer(AGENT));
            assertThat(bm25.status()).as(bm25.toString()).isEqualTo(200);
            assertThat(slugs(bm25.json().path("rows"))).isNotEmpty().contains("lantern-brief");

            String hybrid = "query h($q: String) { match { $d: Document } return { $d.slug, "
                    + "rrf(nearest($d.embedding, $q), bm25($d.body, $q)) as score } "
                    + "order { rrf(nearest($d.embedding, $q), bm25($d.body, $q)) } limit 2 }";
            Resp fused = s.post("/graphs/knowledge/query", "{\"query\":" + quote(hybrid)
                    + ",\"params\":{\"q\":\"immutable Parquet segments\"}}", bearer(AGENT));
            assertThat(fused.status()).as(fused.toString()).isEqualTo(200);
            JsonNode rows = fused.json().path("rows");
            assertThat(rows.size()).isEqualTo(2);
            assertThat(rows.get(0).path("d.slug").asText()).isEqualTo("atlas-design");
            assertThat(rows.get(0).path("score").asDouble()).isGreaterThan(rows.get(1).path("score").asDouble());
        }
    }

    @Test
    void anOpenAiCompatibleProfileResolvesItsKeyFromTheServerEnvironment() {
        ClusterFixture f = ClusterFixture.companyBrain(tmp.resolve("cb"));
        f.write("cluster.yaml", f.read("cluster.yaml").replace("offline: { kind: mock }",
                "offline: { kind: openai-compatible, base_url: \"http://127.0.0.1:9/v1\", model: m1, api_key: \"${OG_TEST_KEY}\" }")
                .replace("policies:\n", "  spare:\n    schema: people.pg\npolicies:\n"));
        f.converge();
        try (Served s = f.serve(false, TOKENS)) {
            assertThat(s.server.cluster().runtime().services()).containsOnlyKeys("spare");
            assertThat(s.server.cluster().runtime().quarantined()).singleElement().satisfies(q -> {
                assertThat(q.graphId()).isEqualTo("knowledge");
                assertThat(q.code()).isEqualTo("embedding_provider_unresolved");
                assertThat(q.reason()).contains("OG_TEST_KEY");
            });
        }
        try (Served s = f.serve(false, TOKENS, o -> o.withEnv(Env.of(Map.of("OG_TEST_KEY", "sk-x"))))) {
            EngineGraphService g = s.server.cluster().runtime().services().get("knowledge");
            assertThat(g.embedder()).isPresent();
            assertThat(g.embedder().get().provider()).isEqualTo("openai-compatible");
            assertThat(g.embedder().get().model()).isEqualTo("m1");
        }
        // OMNIGRAPH_EMBEDDINGS_MOCK forces the offline provider (demos, CI) and keeps the configured model name
        try (Served s = f.serve(false, TOKENS, o -> o.withEnv(Env.of(Map.of("OG_TEST_KEY", "sk-x",
                "OMNIGRAPH_EMBEDDINGS_MOCK", "1"))))) {
            EngineGraphService g = s.server.cluster().runtime().services().get("knowledge");
            assertThat(g.embedder().get().provider()).isEqualTo("mock");
            assertThat(g.embedder().get().model()).isEqualTo("m1");
        }
    }
}
