package io.omnigraph.engine.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.testing.TestGraph;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** languages.md §5 AC16 (vector search) and AC17 (text search) on search.pg/search.jsonl/search.gq, in every index mode. */
class SearchAcceptanceTest {
    static TestGraph g;
    static String gq;

    @BeforeAll
    static void load() {
        g = TestGraph.create(Fixtures.text("engine/search.pg"));
        g.load(Fixtures.text("engine/search.jsonl"), LoadMode.OVERWRITE);
        gq = Fixtures.text("engine/search.gq");
    }

    @AfterAll
    static void close() {
        g.close();
    }

    static List<String> slugs(QueryRows rows) {
        return TestGraph.json(rows).stream().map(o -> o.get("d.slug").asText()).toList();
    }

    static QueryRows run(String source, String name, String params, IndexMode mode) {
        return g.run(source, name, params, ReadTarget.branch("main"), ExecOptions.defaults().withIndexMode(mode));
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac16VectorSearchIsL2(IndexMode mode) {
        assertThat(slugs(run(gq, "vector_search", "{\"q\":[0.1,0.2,0.3,0.4]}", mode)))
                .containsExactly("ml-intro", "nlp-guide", "rl-intro");
        assertThat(slugs(run(gq, "rrf_two_vectors", "{\"q1\":[0.1,0.2,0.3,0.4],\"q2\":[0.5,0.6,0.7,0.8]}", mode)))
                .containsExactly("rl-intro", "ml-intro", "dl-basics");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac16FilteredNearestIsTopKOfTheMatchingRows(IndexMode mode) {
        String q = "query f($q: Vector(4)) { match { $d: Doc  $d.slug != \"ml-intro\"  $d.slug != \"nlp-guide\" }"
                + " return { $d.slug } order { nearest($d.embedding, $q) } limit 2 }";
        assertThat(slugs(run(q, "f", "{\"q\":[0.1,0.2,0.3,0.4]}", mode))).containsExactly("rl-intro", "dl-basics");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void ac17TextSearch(IndexMode mode) {
        assertThat(slugs(run(gq, "phrase_search", "{\"q\":\"neural\"}", mode))).containsExactly("dl-basics");
        assertThat(slugs(run(gq, "phrase_search", "{\"q\":\"networks layers\"}", mode))).contains("dl-basics");
        assertThat(slugs(run(gq, "text_search", "{\"q\":\"xyznonexistent\"}", mode))).isEmpty();
        assertThat(slugs(run(gq, "text_search", "{\"q\":\"Learning\"}", mode))).isNotEmpty()
                .isSubsetOf("ml-intro", "dl-basics", "rl-intro");
        assertThat(slugs(run(gq, "bm25_search", "{\"q\":\"Learning\"}", mode)))
                .containsExactlyInAnyOrder("rl-intro", "ml-intro", "dl-basics");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void fuzzyMatchesTokensWithinTheEditDistance(IndexMode mode) {
        // divergence from the reference build (which matches nothing): "introductio" is 2 edits from the stem "introduct"
        assertThat(slugs(run(gq, "fuzzy_search", "{\"q\":\"Introductio\"}", mode)))
                .containsExactlyInAnyOrder("ml-intro", "rl-intro");
        String one = "query f($q: String) { match { $d: Doc  fuzzy($d.title, $q, 1) } return { $d.slug } }";
        assertThat(slugs(run(one, "f", "{\"q\":\"Introductio\"}", mode))).isEmpty();
        assertThat(slugs(run(one, "f", "{\"q\":\"visio\"}", mode))).containsExactly("cv-overview");
    }

    @ParameterizedTest
    @EnumSource(IndexMode.class)
    void hybridAndTwoTextArms(IndexMode mode) {
        // arm 1 (nearest, k=3): ml 0, nlp 1, rl 2; arm 2 (bm25 "learning" over titles): three docs, one rank each
        List<String> hybrid = slugs(run(gq, "hybrid_search", "{\"vq\":[0.1,0.2,0.3,0.4],\"tq\":\"learning\"}", mode));
        assertThat(hybrid).hasSize(3).contains("ml-intro", "rl-intro");
        assertThat(slugs(run(gq, "rrf_two_fts", "{\"q\":\"learning\"}", mode))).hasSize(3)
                .contains("ml-intro", "dl-basics", "rl-intro");
    }

    @Test
    void scoreProjections() {
        String q = "query s($q: Vector(4)) { match { $d: Doc } return { $d.slug, nearest($d.embedding, $q) as dist }"
                + " order { nearest($d.embedding, $q) } limit 2 }";
        List<ObjectNode> rows = TestGraph.json(g.run(q, "s", "{\"q\":[0.1,0.2,0.3,0.4]}"));
        assertThat(rows.get(0).get("dist").asDouble()).isEqualTo(0.0);
        assertThat(rows.get(1).get("dist").asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        String b = "query s($q: String) { match { $d: Doc } return { $d.slug, bm25($d.body, $q) as score } order { $d.slug } }";
        List<ObjectNode> scored = TestGraph.json(g.run(b, "s", "{\"q\":\"neural\"}"));
        assertThat(scored).hasSize(5);
        for (ObjectNode o : scored) {
            assertThat(o.get("score").isNull()).isEqualTo(!o.get("d.slug").asText().equals("dl-basics"));
        }
        String r = "query s($q1: Vector(4), $q2: Vector(4)) { match { $d: Doc } return { $d.slug, "
                + "rrf(nearest($d.embedding, $q1), nearest($d.embedding, $q2)) as score }"
                + " order { rrf(nearest($d.embedding, $q1), nearest($d.embedding, $q2)) } limit 3 }";
        List<ObjectNode> fused = TestGraph.json(g.run(r, "s", "{\"q1\":[0.1,0.2,0.3,0.4],\"q2\":[0.5,0.6,0.7,0.8]}"));
        assertThat(fused.get(0).get("score").asDouble()).isCloseTo(1.0 / 63 + 1.0 / 62, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fused.get(1).get("score").asDouble()).isCloseTo(1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void stringNearestWithoutAnEmbedderIsATypedError() {
        String q = "query s($q: String) { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $q) } limit 2 }";
        assertThatThrownBy(() -> g.run(q, "s", "{\"q\":\"machine learning\"}"))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineErrorCode.EMBEDDING_NOT_CONFIGURED);
                    assertThat(e.getMessage()).contains("embedding_provider").contains("OMNIGRAPH_EMBEDDINGS_MOCK");
                });
    }
}
