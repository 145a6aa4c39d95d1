package io.omnigraph.engine.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP providers against a fake embedding endpoint on loopback (real HTTP, a hand-written handler): request
 * shapes, batching, ordering, normalisation, retries on 429/5xx/timeouts, and the error paths.
 */
class ProviderHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply: status, body, optional delay. */
    record Reply(int status, String body, long delayMs) {
        static Reply ok(String body) {
            return new Reply(200, body, 0);
        }
    }

    /** A request the fake server saw. */
    record Seen(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    HttpServer server;
    java.util.concurrent.ExecutorService pool;
    final Deque<Reply> script = new ArrayDeque<>();
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    /** When the script is empty: answer OpenAI-style with deterministic vectors of the requested width. */
    boolean echoOpenAi = true;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        pool = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] in = ex.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? null : JSON.readTree(in);
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
        Reply r;
        synchronized (script) {
            r = script.pollFirst();
        }
        if (r == null && echoOpenAi) {
            StringBuilder sb = new StringBuilder("{\"data\":[");
            int n = body.get("input").size();
            int dim = body.get("dimensions").asInt();
            for (int i = n - 1; i >= 0; i--) { // reversed: the client must order by index
                sb.append("{\"index\":").append(i).append(",\"embedding\":[");
                for (int d = 0; d < dim; d++) {
                    sb.append(d == 0 ? "" : ",").append(d == i % dim ? 3 : 0);
                }
                sb.append("]}").append(i == 0 ? "" : ",");
            }
            r = Reply.ok(sb.append("]}").toString());
        }
        if (r == null) {
            r = new Reply(500, "{\"error\":\"script exhausted\"}", 0);
        }
        if (r.delayMs() > 0) {
            try {
                Thread.sleep(r.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        try {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), out.length);
            ex.getResponseBody().write(out);
        } catch (IOException ignored) {
            // the client gave up (timeout test)
        } finally {
            ex.close();
        }
    }

    static EmbedTuning fast() {
        return EmbedTuning.defaults().withBackoff(Duration.ofMillis(1)).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    Embedder openai(EmbedTuning t) {
        EmbeddingConfig c = EmbeddingConfig.fromProfile(Optional.of("openai-compatible"), Optional.of(base() + "/"),
                Optional.of("test-model"), Optional.of("${TEST_EMBED_KEY}"), t);
        return Embedders.create(c, Map.of("TEST_EMBED_KEY", "sk-secret"));
    }

    @Test
    void openAiCompatibleRequestShapeOrderAndNormalisation() {
        List<float[]> v = openai(fast()).embed(List.of("a", "b", "c"), 4, Embedder.EmbedTask.DOCUMENT);
        assertThat(seen).hasSize(1);
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.path()).isEqualTo("/v1/embeddings");
        assertThat(s.header("Authorization")).isEqualTo("Bearer sk-secret");
        assertThat(s.body().get("model").asText()).isEqualTo("test-model");
        assertThat(s.body().get("input").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(s.body().get("dimensions").asInt()).isEqualTo(4);
        // text i got the unit vector e_i (scaled by 3 on the wire, normalised by the client)
        for (int i = 0; i < 3; i++) {
            assertThat(v.get(i)[i]).isEqualTo(1f);
        }
    }

    @Test
    void textsAreBatched() {
        List<float[]> v = openai(fast().withBatchSize(2)).embed(List.of("a", "b", "c", "d", "e"), 8, Embedder.EmbedTask.DOCUMENT);
        assertThat(seen).hasSize(3);
        assertThat(seen.stream().map(s -> s.body().get("input").size()).toList()).containsExactly(2, 2, 1);
        assertThat(v).hasSize(5);
        assertThat(v.get(4)[0]).isEqualTo(1f); // the 5th text is index 0 of the third batch
    }

    @Test
    void retriesOn429And5xxWithBackoff() {
        script.add(new Reply(429, "{\"error\":\"slow down\"}", 0));
        script.add(new Reply(503, "{\"error\":\"unavailable\"}", 0));
        List<float[]> v = openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY);
        assertThat(seen).hasSize(3);
        assertThat(v.get(0)).containsExactly(1f, 0f);
    }

    @Test
    void givesUpAfterTheRetryBudget() {
        echoOpenAi = false; // every answer is a 500
        assertThatThrownBy(() -> openai(fast().withRetries(2)).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineErrorCode.EMBEDDING_FAILED);
                    assertThat(e.getMessage()).contains("3 attempts").contains("HTTP 500").doesNotContain("sk-secret");
                });
        assertThat(seen).hasSize(3);
    }

    @Test
    void clientErrorsFailAtOnceWithAHint() {
        script.add(new Reply(401, "{\"error\":\"bad key\"}", 0));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineErrorCode.EMBEDDING_FAILED);
                    assertThat(e.getMessage()).contains("HTTP 401").contains("${TEST_EMBED_KEY}").doesNotContain("sk-secret");
                });
        assertThat(seen).hasSize(1);
        script.add(new Reply(404, "not here", 0));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY))
                .hasMessageContaining("check base_url");
    }

    @Test
    void invalidVectorsAreRejected() {
        script.add(Reply.ok("{\"data\":[{\"index\":0,\"embedding\":[0,0]}]}"));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY)).hasMessageContaining("all-zero");
        script.add(Reply.ok("{\"data\":[{\"index\":0,\"embedding\":[1,2,3]}]}"));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY)).hasMessageContaining("expected 2");
        script.add(Reply.ok("{\"data\":[]}"));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY)).hasMessageContaining("0 vectors for 1");
        script.add(Reply.ok("not json"));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY)).hasMessageContaining("not JSON");
        script.add(Reply.ok("{\"data\":[{\"index\":0,\"embedding\":[\"a\",1]}]}"));
        assertThatThrownBy(() -> openai(fast()).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.EMBEDDING_FAILED));
    }

    @Test
    void slowAnswersTimeOutAndAreRetriedWithinTheDeadline() {
        script.add(new Reply(200, "{\"data\":[{\"index\":0,\"embedding\":[1,0]}]}", 1500));
        EmbedTuning t = fast().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5));
        List<float[]> v = openai(t).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY);
        assertThat(v.get(0)).containsExactly(1f, 0f);
        assertThat(seen.size()).isGreaterThanOrEqualTo(2);
        seen.clear();
        echoOpenAi = false;
        for (int i = 0; i < 10; i++) {
            script.add(new Reply(200, "{}", 2000));
        }
        long t0 = System.nanoTime();
        EmbedTuning tight = fast().withTimeouts(Duration.ofMillis(200), Duration.ofMillis(700));
        assertThatThrownBy(() -> openai(tight).embed(List.of("x"), 2, Embedder.EmbedTask.QUERY))
                .hasMessageContaining("deadline");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    }

    @Test
    void geminiSingleAndBatchRequests() {
        echoOpenAi = false;
        script.add(Reply.ok("{\"embedding\":{\"values\":[0,2,0]}}"));
        script.add(Reply.ok("{\"embeddings\":[{\"values\":[1,0,0]},{\"values\":[0,0,5]}]}"));
        EmbeddingConfig c = EmbeddingConfig.fromProfile(Optional.of("gemini"), Optional.of(base()), Optional.of("gemini-embedding-2"),
                Optional.of("${GEMINI_KEY}"), fast());
        Embedder e = Embedders.create(c, Map.of("GEMINI_KEY", "g-key"));
        assertThat(e.embed(List.of("q"), 3, Embedder.EmbedTask.QUERY).get(0)).containsExactly(0f, 1f, 0f);
        Seen one = seen.get(0);
        assertThat(one.path()).isEqualTo("/v1/models/gemini-embedding-2:embedContent");
        assertThat(one.header("x-goog-api-key")).isEqualTo("g-key");
        assertThat(one.body().get("taskType").asText()).isEqualTo("RETRIEVAL_QUERY");
        assertThat(one.body().get("outputDimensionality").asInt()).isEqualTo(3);
        assertThat(one.body().at("/content/parts/0/text").asText()).isEqualTo("q");
        List<float[]> two = e.embed(List.of("a", "b"), 3, Embedder.EmbedTask.DOCUMENT);
        assertThat(two.get(1)).containsExactly(0f, 0f, 1f);
        Seen batch = seen.get(1);
        assertThat(batch.path()).isEqualTo("/v1/models/gemini-embedding-2:batchEmbedContents");
        assertThat(batch.body().at("/requests/1/taskType").asText()).isEqualTo("RETRIEVAL_DOCUMENT");
        assertThat(batch.body().at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-2");
    }

    @Test
    void configurationErrorsNameTheVariable() {
        EmbeddingConfig c = EmbeddingConfig.fromProfile(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("${OPENROUTER_API_KEY}"), EmbedTuning.defaults());
        assertThat(c.kind()).isEqualTo(EmbeddingKind.OPENAI_COMPATIBLE);
        assertThat(c.effectiveBaseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThatThrownBy(() -> Embedders.create(c, Map.of())).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo(EngineErrorCode.EMBEDDING_CONFIG_INVALID);
            assertThat(e.getMessage()).contains("environment variable OPENROUTER_API_KEY").contains("is not set");
        });
        assertThatThrownBy(() -> Embedders.create(c, Map.of("OPENROUTER_API_KEY", "  "))).hasMessageContaining("OPENROUTER_API_KEY");
        assertThatThrownBy(() -> EmbeddingConfig.fromProfile(Optional.of("openai"), Optional.empty(), Optional.empty(),
                Optional.of("sk-inline"), EmbedTuning.defaults())).hasMessageContaining("${NAME}");
        assertThatThrownBy(() -> EmbeddingConfig.fromProfile(Optional.of("cohere"), Optional.empty(), Optional.empty(),
                Optional.empty(), EmbedTuning.defaults())).hasMessageContaining("unknown embedding provider kind 'cohere'");
        assertThatThrownBy(() -> Embedders.create(new EmbeddingConfig(EmbeddingKind.GEMINI, Optional.empty(), Optional.empty(),
                Optional.empty(), EmbedTuning.defaults()), Map.of())).hasMessageContaining("needs an api_key");
        // the mock switch wins over any configuration and needs no key
        Embedder forced = Embedders.create(c, Map.of(EmbeddingConfig.MOCK_ENV, "1"));
        assertThat(forced.provider()).isEqualTo("mock");
        assertThat(Embedders.fromEnvironment(Map.of())).isEmpty();
        assertThatThrownBy(() -> EmbedTuning.fromEnvironment(Map.of("OMNIGRAPH_EMBED_RETRIES", "many")))
                .hasMessageContaining("OMNIGRAPH_EMBED_RETRIES");
        assertThat(EmbedTuning.fromEnvironment(Map.of("OMNIGRAPH_EMBED_TIMEOUT_MS", "1500")).requestTimeout())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void mockIsDeterministicNormalisedAndSemanticEnough() {
        MockEmbedder m = new MockEmbedder();
        float[] a = m.embed(List.of("vector search engines"), 64, Embedder.EmbedTask.DOCUMENT).get(0);
        float[] b = m.embed(List.of("searching vectors"), 64, Embedder.EmbedTask.QUERY).get(0);
        float[] c = m.embed(List.of("quarterly revenue report"), 64, Embedder.EmbedTask.QUERY).get(0);
        assertThat(m.embed(List.of("vector search engines"), 64, Embedder.EmbedTask.DOCUMENT).get(0)).containsExactly(a);
        double n = 0;
        for (float x : a) {
            n += x * x;
        }
        assertThat(n).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(dot(a, b)).isGreaterThan(dot(a, c));
        assertThat(m.embed(List.of("", "the of and"), 16, Embedder.EmbedTask.DOCUMENT)).allSatisfy(v -> assertThat(dot(v, v)).isGreaterThan(0.99));
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
