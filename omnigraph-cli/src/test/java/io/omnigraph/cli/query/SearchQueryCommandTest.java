package io.omnigraph.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code omnigraph query} with search: the search.pg/search.jsonl/search.gq fixtures (AC16, AC17), embeddings, optimize. */
class SearchQueryCommandTest {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    String graph;
    Path queries;
    Map<String, String> env;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return M.readTree(out);
        }

        List<String> slugs() throws IOException {
            List<String> out = new ArrayList<>();
            json().get("rows").forEach(r -> out.add(r.get("d.slug").asText()));
            return out;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    Result query(String name, String params) {
        Result r = run("query", name, graph, "--query", queries.toString(), "--params", params, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    @BeforeEach
    void seed() throws IOException {
        env = new HashMap<>(Map.of("OMNIGRAPH_HOME", dir.resolve("home").toString()));
        graph = dir.resolve("search.omni").toString();
        assertThat(run("init", "--schema", write("search.pg", Fixtures.text("engine/search.pg")).toString(), graph).code()).isZero();
        Result load = run("load", graph, "--mode", "append", "--data", write("search.jsonl", Fixtures.text("engine/search.jsonl")).toString());
        assertThat(load.code()).as(load.err()).isZero();
        queries = write("search.gq", Fixtures.text("engine/search.gq"));
    }

    @Test
    void acceptanceCasesThroughTheCli() throws IOException {
        assertThat(query("vector_search", "{\"q\":[0.1,0.2,0.3,0.4]}").slugs()).containsExactly("ml-intro", "nlp-guide", "rl-intro");
        assertThat(query("rrf_two_vectors", "{\"q1\":[0.1,0.2,0.3,0.4],\"q2\":[0.5,0.6,0.7,0.8]}").slugs())
                .containsExactly("rl-intro", "ml-intro", "dl-basics");
        assertThat(query("phrase_search", "{\"q\":\"neural\"}").slugs()).containsExactly("dl-basics");
        assertThat(query("text_search", "{\"q\":\"xyznonexistent\"}").slugs()).isEmpty();
        assertThat(query("bm25_search", "{\"q\":\"Learning\"}").slugs()).containsExactlyInAnyOrder("rl-intro", "ml-intro", "dl-basics");
        assertThat(query("hybrid_search", "{\"vq\":[0.1,0.2,0.3,0.4],\"tq\":\"learning\"}").slugs()).hasSize(3)
                .contains("ml-intro", "rl-intro");
        // the table output keeps the ranking order too
        Result table = run("query", "vector_search", graph, "--query", queries.toString(), "--params", "{\"q\":[0.8,0.7,0.6,0.5]}");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out().lines().skip(3).findFirst().orElseThrow()).startsWith("cv-overview");
    }

    @Test
    void optimizePersistsIndexesAndAnswersStayTheSame() throws IOException {
        Result more = run("load", graph, "--mode", "append", "--data", write("more.jsonl",
                "{\"type\": \"Doc\", \"data\": {\"slug\": \"graph-db\", \"title\": \"Graph Databases for Learning Agents\","
                        + " \"body\": \"versioned graphs\", \"embedding\": [0.11, 0.2, 0.3, 0.4]}}\n").toString());
        assertThat(more.code()).as(more.err()).isZero();
        List<String> before = query("hybrid_search", "{\"vq\":[0.1,0.2,0.3,0.4],\"tq\":\"learning\"}").slugs();
        Result opt = run("optimize", graph, "--json");
        assertThat(opt.code()).as(opt.err()).isZero();
        try (Stream<Path> files = Files.walk(Path.of(graph).resolve("indexes"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.endsWith(".hnsw")).anyMatch(n -> n.endsWith(".text"));
        }
        assertThat(query("hybrid_search", "{\"vq\":[0.1,0.2,0.3,0.4],\"tq\":\"learning\"}").slugs()).isEqualTo(before);
        assertThat(query("vector_search", "{\"q\":[0.1,0.2,0.3,0.4]}").slugs()).containsExactly("ml-intro", "graph-db", "nlp-guide");
    }

    @Test
    void textNearestNeedsAProviderAndTheMockProviderWorksOffline() throws IOException {
        Path gq = write("text.gq", "query t($q: String) { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $q) } limit 2 }");
        Result refused = run("query", "t", graph, "--query", gq.toString(), "--params", "{\"q\":\"machine learning\"}");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).startsWith("error[embedding_not_configured]").contains("OMNIGRAPH_EMBEDDINGS_MOCK");

        // an @embed schema: load fills the vectors with the mock provider, and text queries embed the text the same way
        String emb = dir.resolve("emb.omni").toString();
        assertThat(run("init", "--schema", write("emb.pg", """
                node Note {
                    slug: String @key
                    body: String
                    vec: Vector(16) @embed(body)
                }
                """).toString(), emb).code()).isZero();
        Path notes = write("notes.jsonl", """
                {"type":"Note","data":{"slug":"parquet","body":"segments are parquet files"}}
                {"type":"Note","data":{"slug":"cedar","body":"cedar policies guard every branch"}}
                {"type":"Note","data":{"slug":"rrf","body":"reciprocal rank fusion of two rankings"}}
                """);
        Result noProvider = run("load", emb, "--mode", "append", "--data", notes.toString());
        assertThat(noProvider.code()).isNotZero();
        assertThat(noProvider.err()).contains("vec").contains("OMNIGRAPH_EMBEDDINGS_MOCK");
        env.put("OMNIGRAPH_EMBEDDINGS_MOCK", "1");
        Result load = run("load", emb, "--mode", "append", "--data", notes.toString());
        assertThat(load.code()).as(load.err()).isZero();
        Path nq = write("note.gq", "query t($q: String) { match { $d: Note } return { $d.slug } order { nearest($d.vec, $q) } limit 1 }");
        Result hit = run("query", "t", emb, "--query", nq.toString(), "--params", "{\"q\":\"cedar policies guard every branch\"}", "--json");
        assertThat(hit.code()).as(hit.err()).isZero();
        assertThat(hit.json().get("rows").get(0).get("d.slug").asText()).isEqualTo("cedar");
    }
}
