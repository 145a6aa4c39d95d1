package io.omnigraph.engine.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.embed.Embedder;
import io.omnigraph.engine.embed.MockEmbedder;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.EmbedMode;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.testing.TestGraph;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @embed} values flow from load and mutation to String {@code nearest} queries. */
class EmbedFlowTest {
    static final String PG = """
            node Doc {
                slug: String @key
                body: String
                embedding: Vector(32) @embed(body)
                summary: String?
                summary_vec: Vector(8)? @embed(summary, model="mock-embedding")
            }
            """;
    static final String DOCS = """
            {"type":"Doc","data":{"slug":"storage","body":"object stores, segments and compaction of storage engines"}}
            {"type":"Doc","data":{"slug":"vectors","body":"vector search with nearest neighbours and embeddings","summary":"vector search"}}
            {"type":"Doc","data":{"slug":"policy","body":"cedar policies decide who may read and write branches"}}
            {"type":"Doc","data":{"slug":"given","body":"a document whose vector is given","embedding":[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}}
            """;
    static final String NEAREST = "query n($q: String) { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $q) } limit 2 }";

    /** Counts provider calls and texts, delegating to the mock. */
    static final class Counting implements Embedder {
        final MockEmbedder mock = new MockEmbedder();
        final AtomicInteger calls = new AtomicInteger();
        final List<String> texts = new ArrayList<>();

        @Override
        public String provider() {
            return mock.provider();
        }

        @Override
        public String model() {
            return mock.model();
        }

        @Override
        public synchronized List<float[]> embed(List<String> t, int dimension, EmbedTask task) {
            if (task == EmbedTask.DOCUMENT) { // query embeddings (searches) are not counted
                calls.incrementAndGet();
                texts.addAll(t);
            }
            return mock.embed(t, dimension, task);
        }
    }

    static Graph graph(Embedder e) {
        return OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults()).withEmbedder(e);
    }

    static void load(Graph g, String jsonl, LoadMode mode, EmbedMode embed) {
        g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "main", mode)
                .withEmbed(embed));
    }

    static List<String> slugs(Graph g, String q, String params) {
        QueryResult r = g.query(Optional.empty(), QueryRequest.of(q).withParams(json(params)));
        return TestGraph.json(new QueryRows(r.columns(), r.rows())).stream().map(o -> o.get("d.slug").asText()).toList();
    }

    static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void loadFillsMissingTargetsInOneBatchAndQueriesEmbedTheText() {
        Counting e = new Counting();
        Graph g = graph(e);
        load(g, DOCS, LoadMode.OVERWRITE, EmbedMode.AUTO);
        // one call per @embed property with rows to fill: 3 bodies (the 4th gives its vector), 1 summary
        assertThat(e.calls.get()).isEqualTo(2);
        assertThat(e.texts).hasSize(4);
        assertThat(slugs(g, NEAREST, "{\"q\":\"nearest neighbour vectors\"}").get(0)).isEqualTo("vectors");
        assertThat(slugs(g, NEAREST, "{\"q\":\"compaction of segments\"}").get(0)).isEqualTo("storage");
        // stored vectors are exactly the provider's (L2-normalised) output
        String q = "query v() { match { $d: Doc { slug: \"policy\" } } return { $d.embedding, $d.summary_vec } }";
        QueryResult r = g.query(Optional.empty(), QueryRequest.of(q));
        float[] stored = ((io.omnigraph.compiler.types.Value.Vector) r.rows().get(0).get(0)).values();
        float[] expected = new MockEmbedder().embed(List.of("cedar policies decide who may read and write branches"), 32,
                Embedder.EmbedTask.DOCUMENT).get(0);
        assertThat(stored).containsExactly(expected);
        assertThat(r.rows().get(0).get(1).isNull()).isTrue(); // no summary: nullable target stays NULL
        // a given vector is kept
        String given = "query v() { match { $d: Doc { slug: \"given\" } } return { $d.embedding } }";
        assertThat(((io.omnigraph.compiler.types.Value.Vector) g.query(Optional.empty(), QueryRequest.of(given)).rows().get(0).get(0))
                .get(0)).isEqualTo(1f);
    }

    @Test
    void withoutAProviderAMissingNonNullableTargetNamesTheConfiguration() {
        Graph g = OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults());
        assertThatThrownBy(() -> load(g, DOCS, LoadMode.OVERWRITE, EmbedMode.AUTO))
                .isInstanceOfSatisfying(EngineException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(EngineErrorCode.EMBEDDING_NOT_CONFIGURED);
                    assertThat(ex.getMessage()).startsWith("line 1: ").contains("embedding_provider");
                });
        Counting e = new Counting();
        assertThatThrownBy(() -> load(g.withEmbedder(e), DOCS, LoadMode.OVERWRITE, EmbedMode.OFF))
                .isInstanceOfSatisfying(EngineException.class, ex -> assertThat(ex.code()).isEqualTo(EngineErrorCode.EMBEDDING_NOT_CONFIGURED));
        assertThat(e.calls.get()).isZero();
        assertThat(g.commits(Optional.empty(), "main", 10)).hasSize(1); // nothing published
    }

    @Test
    void mutationsComputeOnInsertAndRecomputeWhenTheSourceChanges() {
        Counting e = new Counting();
        Graph g = graph(e);
        load(g, DOCS, LoadMode.OVERWRITE, EmbedMode.AUTO);
        int before = e.calls.get();
        g.mutate(Optional.empty(), MutationRequest.of("query add($s: String, $b: String) { insert Doc { slug: $s, body: $b } }",
                "main").withParams(json("{\"s\":\"graphs\",\"b\":\"typed property graphs with branches and merges\"}")));
        assertThat(e.calls.get()).isEqualTo(before + 1);
        assertThat(slugs(g, NEAREST, "{\"q\":\"property graph merges\"}").get(0)).isEqualTo("graphs");
        // an update of the source recomputes the vector; an update of another property does not call out
        g.mutate(Optional.empty(), MutationRequest.of("query u($s: String, $b: String) { update Doc set { body: $b } where slug = $s }",
                "main").withParams(json("{\"s\":\"graphs\",\"b\":\"cedar access rules for agents\"}")));
        assertThat(e.calls.get()).isEqualTo(before + 2);
        assertThat(e.texts.get(e.texts.size() - 1)).isEqualTo("cedar access rules for agents");
        g.mutate(Optional.empty(), MutationRequest.of("query u($s: String) { update Doc set { summary: \"x\" } where slug = $s }",
                "main").withParams(json("{\"s\":\"storage\"}")));
        assertThat(e.calls.get()).isEqualTo(before + 3); // summary_vec is computed from the new summary
        assertThat(e.texts.get(e.texts.size() - 1)).isEqualTo("x");
        // without a provider, omitting the vector is a typed error
        Graph plain = OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults());
        assertThatThrownBy(() -> plain.mutate(Optional.empty(), MutationRequest.of(
                "query add() { insert Doc { slug: \"a\", body: \"b\" } }", "main")))
                .isInstanceOfSatisfying(EngineException.class, ex -> assertThat(ex.code()).isEqualTo(EngineErrorCode.EMBEDDING_NOT_CONFIGURED));
    }

    @Test
    void theModelRecordedByEmbedMustMatchTheProvider() {
        Graph g = graph(new MockEmbedder("other-model"));
        load(g, DOCS, LoadMode.OVERWRITE, EmbedMode.AUTO);
        String q = "query n($q: String) { match { $d: Doc } return { $d.slug } order { nearest($d.summary_vec, $q) } limit 1 }";
        assertThatThrownBy(() -> slugs(g, q, "{\"q\":\"vector\"}")).isInstanceOfSatisfying(EngineException.class, ex -> {
            assertThat(ex.code()).isEqualTo(EngineErrorCode.EMBEDDING_MODEL_MISMATCH);
            assertThat(ex.getMessage()).contains("mock-embedding").contains("other-model");
        });
        assertThat(slugs(graph(new MockEmbedder()), NEAREST, "{\"q\":\"x\"}")).isEmpty(); // empty graph: no rows, no error
    }

    /** A provider call that blocks does not block other writers: nothing is held while embedding. */
    @Test
    void aSlowProviderNeverBlocksOtherWriters() throws Exception {
        java.util.concurrent.CountDownLatch inCall = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MockEmbedder mock = new MockEmbedder();
        Embedder blocking = new Embedder() {
            @Override
            public String provider() {
                return mock.provider();
            }

            @Override
            public String model() {
                return mock.model();
            }

            @Override
            public List<float[]> embed(List<String> texts, int dimension, EmbedTask task) {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return mock.embed(texts, dimension, task);
            }
        };
        InMemoryObjectStore store = new InMemoryObjectStore();
        Graph g = OmniGraph.init(store, PG, InitOptions.defaults());
        Graph slow = g.withEmbedder(blocking);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> loading = pool.submit(() -> load(slow, DOCS, LoadMode.APPEND, EmbedMode.AUTO));
            assertThat(inCall.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // while the load waits on its provider, another writer commits on the same branch
            g.mutate(Optional.empty(), MutationRequest.of("query add() { insert Doc { slug: \"other\", body: \"b\","
                    + " embedding: [1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0] } }", "main"));
            assertThat(g.commits(Optional.empty(), "main", 10)).hasSize(2);
            release.countDown();
            loading.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(g.commits(Optional.empty(), "main", 10)).hasSize(3); // the load rebased onto the other write
            assertThat(slugs(slow, NEAREST, "{\"q\":\"cedar policies decide who may read and write branches\"}").get(0))
                    .isEqualTo("policy");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
