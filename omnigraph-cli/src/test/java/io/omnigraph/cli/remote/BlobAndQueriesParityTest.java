package io.omnigraph.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.demo.DemoFiles;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.storage.ObjectStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code blob get|stat} and {@code queries list|validate} against a real served cluster (a demo cluster plus an
 * {@code assets} graph holding Blobs): the served lane ({@code --server URL --graph ID}) and the embedded lane
 * ({@code --store <graph uri>} for blobs, {@code --cluster DIR} for queries) print the same bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlobAndQueriesParityTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String TOKEN = "tok-andrew-blob";
    static final byte[] PIXELS = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path tmp;

    private ClusterServer server;
    private String base;
    private Path dir;
    private String assetsUri;

    record Result(int code, String out, String err, byte[] bytes) {
    }

    @BeforeAll
    void serve() throws Exception {
        dir = DemoFiles.copyTo(tmp.resolve("c"));
        Files.writeString(dir.resolve("assets.pg"), "node Asset {\n    slug: String @key\n    data: Blob?\n}\n");
        String yaml = Files.readString(dir.resolve("cluster.yaml"));
        Files.writeString(dir.resolve("cluster.yaml"), yaml.replace("policies:\n", "  assets:\n    schema: assets.pg\n"
                + "    external_blobs:\n      allow:\n        - { base: \"https://cdn.example.com/assets/\", scope: server_safe }\n"
                + "policies:\n"));
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(),
                ObjectStores::open, Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(dir, Optional.of("andrew")).json().path("converged").asBoolean()).isTrue();
        assetsUri = dir.resolve("graphs/assets.omni").toString();
        Path data = Files.writeString(tmp.resolve("assets.jsonl"), "{\"type\":\"Asset\",\"data\":{\"slug\":\"logo\",\"data\":\"base64:"
                + Base64.getEncoder().encodeToString(PIXELS) + "\"}}\n"
                + "{\"type\":\"Asset\",\"data\":{\"slug\":\"cdn\",\"data\":\"https://cdn.example.com/assets/cdn.png\"}}\n"
                + "{\"type\":\"Asset\",\"data\":{\"slug\":\"empty\"}}\n");
        Result load = run(Map.of(), "load", "--store", assetsUri, "--data", data.toString(), "--mode", "merge", "--as", "andrew");
        assertThat(load.code()).as(load.err()).isZero();
        Env env = Env.of(Map.of());
        ServerConfig config = ServerConfig.resolve(env, Optional.of("127.0.0.1:0"), false, false);
        server = ClusterServer.start(ClusterServer.Options.of(dir.toString(), config,
                BearerTokens.of(Map.of("andrew", TOKEN), "the blob test")).withEnv(env).withSighup(false));
        base = server.baseUrl();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Result run(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("OMNIGRAPH_HOME", tmp.resolve("home").toString());
        env.putAll(extraEnv);
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    Result remote(String graph, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--server", base, "--graph", graph));
        return run(Map.of("OMNIGRAPH_BEARER_TOKEN", TOKEN), all.toArray(String[]::new));
    }

    Result embedded(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--store", assetsUri));
        return run(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void blobGetAndStatPrintTheSameBytesBothWays() throws Exception {
        String snapshot = M.readTree(embedded(List.of("blob", "stat", "node", "Asset", "logo", "data", "--json")).out())
                .path("snapshot_id").asText();
        assertThat(snapshot).hasSize(26);
        List<List<String>> cases = List.of(
                List.of("blob", "get", "node", "Asset", "logo", "data"),
                List.of("blob", "get", "node", "Asset", "logo", "data", "--offset", "2", "--length", "4"),
                List.of("blob", "get", "node", "Asset", "logo", "data", "--offset", "30"),
                List.of("blob", "get", "node", "Asset", "logo", "data", "--length", "100"),
                List.of("blob", "get", "node", "Asset", "logo", "data", "--snapshot", snapshot),
                List.of("blob", "stat", "node", "Asset", "logo", "data"),
                List.of("blob", "stat", "node", "Asset", "logo", "data", "--json"),
                List.of("blob", "stat", "node", "Asset", "logo", "data", "--branch", "main", "--json"),
                List.of("blob", "stat", "node", "Asset", "cdn", "data"),
                List.of("blob", "stat", "node", "Asset", "cdn", "data", "--json"));
        List<String> mismatches = new ArrayList<>();
        for (List<String> c : cases) {
            Result r = remote("assets", c);
            Result e = embedded(c);
            assertThat(r.code()).as(c + " remote: " + r.err()).isZero();
            assertThat(e.code()).as(c + " embedded: " + e.err()).isZero();
            assertThat(r.bytes()).as(c.toString()).isNotEmpty();
            if (!java.util.Arrays.equals(r.bytes(), e.bytes())) {
                mismatches.add(c + "\n--- remote\n" + r.out() + "--- embedded\n" + e.out());
            }
        }
        assertThat(mismatches).as(String.join("\n\n", mismatches)).isEmpty();
        assertThat(embedded(cases.get(0)).bytes()).isEqualTo(PIXELS);
        assertThat(embedded(cases.get(1)).out()).isEqualTo("2345");
        assertThat(embedded(cases.get(2)).out()).isEqualTo("uvwxyz");
        JsonNode stat = M.readTree(remote("assets", cases.get(6)).out());
        assertThat(stat.path("length").asLong()).isEqualTo(PIXELS.length);
        assertThat(stat.path("etag").asText()).hasSize(64);
        assertThat(M.readTree(remote("assets", cases.get(9)).out()).path("location").asText())
                .isEqualTo("https://cdn.example.com/assets/cdn.png");
    }

    @Test
    void blobGetWritesAFileAtomically() throws Exception {
        Path out = tmp.resolve("out/logo.bin");
        for (boolean served : List.of(true, false)) {
            List<String> args = List.of("blob", "get", "node", "Asset", "logo", "data", "--out", out.toString(), "--json");
            Result r = served ? remote("assets", args) : embedded(args);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Files.readAllBytes(out)).isEqualTo(PIXELS);
            assertThat(M.readTree(r.out()).path("bytes_written").asLong()).isEqualTo(PIXELS.length);
            Files.delete(out);
        }
        // a failed get leaves no file behind
        Result missing = embedded(List.of("blob", "get", "node", "Asset", "nobody", "data", "--out", out.toString()));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(out).doesNotExist();
        assertThat(Files.list(out.getParent()).toList()).isEmpty();
    }

    @Test
    void blobErrorsNameTheProblemTheSameWayInBothLanes() {
        List<List<String>> cases = List.of(
                List.of("blob", "get", "node", "Asset", "nobody", "data"),
                List.of("blob", "stat", "node", "Asset", "empty", "data"),
                List.of("blob", "get", "node", "Asset", "logo", "slug"),
                List.of("blob", "get", "node", "Asset", "logo", "data", "--offset", "99"),
                List.of("blob", "stat", "node", "Nope", "logo", "data"),
                List.of("blob", "get", "node", "Asset", "cdn", "data"));
        for (List<String> c : cases) {
            Result r = remote("assets", c);
            Result e = embedded(c);
            assertThat(r.code()).as(c.toString()).isEqualTo(1);
            assertThat(e.code()).as(c.toString()).isEqualTo(1);
            assertThat(r.err()).as(c.toString()).isEqualTo(e.err()).startsWith("error[").doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(embedded(cases.get(3)).err()).contains("range not satisfiable: bytes=99- for a Blob of 36 bytes");
        assertThat(embedded(cases.get(5)).err()).contains("https://cdn.example.com/assets/cdn.png");
        Result badEntity = embedded(List.of("blob", "get", "vertex", "Asset", "logo", "data"));
        assertThat(badEntity.code()).isEqualTo(2);
        assertThat(badEntity.err()).contains("ENTITY must be node or edge");
        Result as = embedded(List.of("blob", "get", "node", "Asset", "logo", "data", "--as", "andrew"));
        assertThat(as.code()).isEqualTo(2);
        Result both = embedded(List.of("blob", "stat", "node", "Asset", "logo", "data", "--branch", "main", "--snapshot", "x"));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void queriesListAndValidatePrintTheSameBytesFromTheClusterAndTheServer() throws Exception {
        List<List<String>> cases = List.of(
                List.of("queries", "list"), List.of("queries", "list", "--json"),
                List.of("queries", "validate"), List.of("queries", "validate", "--json"));
        for (List<String> c : cases) {
            Result r = remote("knowledge", c);
            List<String> all = new ArrayList<>(c);
            all.addAll(List.of("--cluster", dir.toString(), "--graph", "knowledge"));
            Result e = run(Map.of(), all.toArray(String[]::new));
            assertThat(r.code()).as(c + " remote: " + r.err()).isZero();
            assertThat(e.code()).as(c + " cluster: " + e.err()).isZero();
            assertThat(r.out()).as(c.toString()).isNotBlank().isEqualTo(e.out());
        }
        JsonNode list = M.readTree(run(Map.of(), "queries", "list", "--json", "--cluster", dir.toString(), "--graph",
                "knowledge").out());
        List<String> names = new ArrayList<>();
        list.path("queries").forEach(q -> names.add(q.path("name").asText()));
        assertThat(names).contains("who_works_on", "find_person", "add_person").isSorted();
        JsonNode who = list.path("queries").get(names.indexOf("who_works_on"));
        assertThat(who.path("mutation").asBoolean()).isFalse();
        assertThat(who.path("params").get(0).path("name").asText()).isEqualTo("project");
        assertThat(who.path("params").get(0).path("kind").asText()).isEqualTo("string");
        String human = run(Map.of(), "queries", "list", "--cluster", dir.toString(), "--graph", "knowledge").out();
        assertThat(human).contains("who_works_on(project: string)").contains("add_person(slug: string, name: string,"
                + " role: string, team: string?)").contains("mutation");
        // every applied graph of the cluster: assets has no stored queries
        Result all = run(Map.of(), "queries", "validate", "--cluster", dir.toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo("OK  0 stored queries type-check against the live schema of graph 'assets'\n"
                + "OK  " + names.size() + " stored queries type-check against the live schema of graph 'knowledge'\n");
        Result several = run(Map.of(), "queries", "list", "--cluster", dir.toString());
        assertThat(several.code()).isEqualTo(2);
        assertThat(several.err()).contains("serves 2 graphs: [assets, knowledge]; pass --graph <id>");
        Result typo = run(Map.of(), "queries", "list", "--cluster", dir.toString(), "--graph", "knowlege");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("is not served by cluster").contains("did you mean 'knowledge'?");
        Result store = run(Map.of(), "queries", "list", "--store", assetsUri);
        assertThat(store.code()).isEqualTo(2);
        assertThat(store.err()).contains("`queries list` is a control command");
    }

    @Test
    void queriesValidateFailsWhenTheLiveSchemaNoLongerFitsAStoredQuery() throws Exception {
        Path broken = DemoFiles.copyTo(tmp.resolve("broken"));
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(),
                ObjectStores::open, Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(broken).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(broken, Optional.of("andrew")).json().path("converged").asBoolean()).isTrue();
        // drift: the graph's schema changed behind the cluster's back (drops Person.team)
        String schema = Files.readString(broken.resolve("people.pg")).replace("    team: String?\n", "");
        try (io.omnigraph.engine.api.Graph g = io.omnigraph.cli.data.Engines.open(broken.resolve("graphs/knowledge.omni").toString())) {
            g.applySchema(Optional.empty(), schema, true);
        }
        Result r = run(Map.of(), "queries", "validate", "--cluster", broken.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  knowledge.add_person: stored query `add_person` no longer typechecks")
                .contains("FAIL  knowledge.find_person:").doesNotContain("OK ");
        assertThat(r.err()).contains("error[query_registry_invalid]: 2 stored queries no longer type-check");
        Result j = run(Map.of(), "queries", "validate", "--cluster", broken.toString(), "--json");
        assertThat(j.code()).isEqualTo(1);
        JsonNode o = M.readTree(j.out());
        assertThat(o.path("ok").asBoolean()).isFalse();
        assertThat(o.path("graphs").get(0).path("errors")).hasSize(2);
        // list only reads the serving snapshot: it still works
        assertThat(run(Map.of(), "queries", "list", "--cluster", broken.toString()).code()).isZero();
    }

    @Test
    void commitsCarryTheirOperationAndMessageInBothLanes() throws Exception {
        for (List<String> c : List.of(List.of("commit", "list", "--json"), List.of("commit", "list"))) {
            Result r = remote("assets", c);
            Result e = embedded(c);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(e.out());
        }
        JsonNode head = M.readTree(remote("assets", List.of("commit", "list", "--json")).out()).path("commits").get(0);
        assertThat(head.path("operation").asText()).isEqualTo("load");
        assertThat(head.path("message").asText()).isNotBlank();
        String id = head.path("graph_commit_id").asText();
        Result show = remote("assets", List.of("commit", "show", id));
        assertThat(show.out()).isEqualTo(embedded(List.of("commit", "show", id)).out())
                .contains("  operation: load\n").contains("  message:  " + head.path("message").asText());
        assertThat(remote("assets", List.of("commit", "list")).out().lines().findFirst().orElseThrow())
                .contains("  load  on main").contains("— " + head.path("message").asText());
    }

    @Test
    void servedMergeConflictsAreListedOnStderrLikeEmbedded() throws Exception {
        Path other = DemoFiles.copyTo(tmp.resolve("other"));
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(),
                ObjectStores::open, Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(other).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(other, Optional.of("andrew")).json().path("converged").asBoolean()).isTrue();
        String otherUri = other.resolve("graphs/knowledge.omni").toString();
        List<List<String>> script = List.of(
                List.of("branch", "create", "c1"),
                List.of("mutate", "-e", "query q() { insert Person { slug: \"kit\", name: \"Kit\", role: \"agent\" } }",
                        "--branch", "c1"),
                List.of("branch", "create", "c2", "--from", "c1"),
                List.of("mutate", "-e", "query q() { update Person set { team: \"one\" } where slug = \"kit\" }", "--branch", "c1"),
                List.of("mutate", "-e", "query q() { update Person set { team: \"two\" } where slug = \"kit\" }", "--branch", "c2"));
        for (List<String> w : script) {
            Result r = remote("knowledge", w);
            List<String> all = new ArrayList<>(w);
            all.addAll(List.of("--store", otherUri, "--as", "andrew"));
            Result e = run(Map.of(), all.toArray(String[]::new));
            assertThat(r.code()).as(w + " remote: " + r.err()).isZero();
            assertThat(e.code()).as(w + " embedded: " + e.err()).isZero();
        }
        List<String> merge = List.of("branch", "merge", "c2", "--into", "c1", "--quiet");
        Result r = remote("knowledge", merge);
        List<String> all = new ArrayList<>(merge);
        all.addAll(List.of("--store", otherUri, "--as", "andrew"));
        Result e = run(Map.of(), all.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(e.code()).isEqualTo(1);
        assertThat(r.err()).contains("merge of 'c2' into 'c1': 1 conflict(s); nothing was published")
                .contains("node Person 'kit'").contains("error[merge_conflicts]: 1 merge conflict(s)")
                .isEqualTo(e.err());
        List<String> json = new ArrayList<>(merge);
        json.add("--json");
        Result rj = remote("knowledge", json);
        assertThat(rj.code()).isEqualTo(1);
        assertThat(M.readTree(rj.out()).path("merge_conflicts")).hasSize(1);
        assertThat(rj.err()).doesNotContain("nothing was published").contains("error[merge_conflicts]");
    }
}
