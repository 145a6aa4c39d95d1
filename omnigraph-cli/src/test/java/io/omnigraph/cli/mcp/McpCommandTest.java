package io.omnigraph.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.storage.ObjectStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code omnigraph mcp}: the embedded stdio server, the stdio ↔ HTTP bridge, usage errors, and a real process. */
class McpCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PG = "node Person {\n    name: String @key\n    age: I32?\n}\n";
    static final String GQ = "query find_person($name: String) @description(\"Find a person.\") {\n"
            + "    match { $p: Person { name: $name } }\n    return { $p.name, $p.age }\n}\n";
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @TempDir
    Path tmp;

    record Run(int code, List<JsonNode> messages, String out, String err) {
        JsonNode byId(int id) {
            return messages.stream().filter(m -> m.path("id").asInt(-1) == id).findFirst()
                    .orElseThrow(() -> new AssertionError("no reply with id " + id + " in " + out + "\nstderr: " + err));
        }
    }

    static Run run(Map<String, String> env, List<String> stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] in = (String.join("\n", stdin) + "\n").getBytes(StandardCharsets.UTF_8);
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(in), env);
        String o = out.toString(StandardCharsets.UTF_8);
        List<JsonNode> messages = new ArrayList<>();
        boolean protocol = args[0].equals("mcp") && !List.of(args).contains("--help");
        for (String line : o.split("\n")) {
            if (protocol && !line.isBlank()) {
                messages.add(JSON.readTree(line)); // the stdout of `mcp` holds only JSON-RPC messages
            }
        }
        return new Run(code, messages, o, err.toString(StandardCharsets.UTF_8));
    }

    static String call(int id, String tool, String argsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argsJson + "}}";
    }

    private String graph() throws Exception {
        Path pg = Files.writeString(tmp.resolve("people.pg"), PG);
        Path data = Files.writeString(tmp.resolve("people.jsonl"),
                "{\"type\":\"Person\",\"data\":{\"name\":\"Ada\",\"age\":36}}\n");
        String uri = tmp.resolve("people.omni").toString();
        assertThat(run(Map.of(), List.of(), "init", "--schema", pg.toString(), uri).code()).isZero();
        assertThat(run(Map.of(), List.of(), "load", uri, "--data", data.toString(), "--mode", "overwrite").code())
                .isZero();
        return uri;
    }

    @Test
    void embeddedStoreServesTheGraphToolsOnStdio() throws Exception {
        String uri = graph();
        Run r = run(Map.of(), List.of(INIT, INITIALIZED, LIST,
                call(3, "read", "{\"query\":\"query q() { match { $p: Person } return { $p.name } }\"}"),
                call(4, "change", "{\"query\":\"query add() { insert Person { name: \\\"Bo\\\" } }\"}"),
                call(5, "no_such_tool", "{}")), "mcp", "--store", uri);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.byId(1).path("result").path("serverInfo").path("name").asText()).isEqualTo("omnigraph");
        List<String> tools = new ArrayList<>();
        r.byId(2).path("result").path("tools").forEach(t -> tools.add(t.path("name").asText()));
        assertThat(tools).contains("read", "change", "load", "branches_create", "schema_get", "health");
        assertThat(r.byId(3).path("result").path("content").get(0).path("text").asText()).contains("Ada");
        assertThat(r.byId(4).path("result").path("isError").asBoolean()).as(r.byId(4).toString()).isFalse();
        assertThat(r.byId(5).has("error")).isTrue();
        assertThat(r.messages()).hasSize(5); // the notification got no reply
        assertThat(r.err()).contains("serving graph 'people'");
    }

    @Test
    void bridgeForwardsToTheServerWithTheBearerToken() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(dir.resolve("people.pg"), PG);
        Files.writeString(dir.resolve("people.gq"), GQ);
        Files.writeString(dir.resolve("cluster.yaml"), "version: 1\nmetadata:\n  name: t\n"
                + "state: { backend: cluster, lock: true }\ngraphs:\n  knowledge:\n    schema: ./people.pg\n"
                + "    queries:\n      find_person: { file: ./people.gq }\n");
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(
                new io.omnigraph.cluster.graph.EngineGraphPlane(), ObjectStores::open, Clock.systemUTC(),
                Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(dir, Optional.of("act-test")).json().path("converged").asBoolean()).isTrue();
        ClusterServer.Options options = ClusterServer.Options.of(dir.toString(),
                        ServerConfig.defaults(new BindAddress("127.0.0.1", 0), false),
                        BearerTokens.of(Map.of("act-reader", "reader-secret"), "test"))
                .withEnv(Env.of(Map.of())).withReloadInterval(Duration.ZERO);
        try (ClusterServer server = ClusterServer.start(options)) {
            String base = server.baseUrl();
            Run ok = run(Map.of("OMNIGRAPH_TOKEN", "reader-secret"), List.of(INIT, INITIALIZED, LIST,
                    call(3, "schema_get", "{}")), "mcp", "--server", base, "--graph", "knowledge");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.byId(1).path("result").path("serverInfo").path("name").asText()).isEqualTo("omnigraph");
            List<String> tools = new ArrayList<>();
            ok.byId(2).path("result").path("tools").forEach(t -> tools.add(t.path("name").asText()));
            // no policy bundle: an authenticated actor may only read (DefaultDeny), and invoke_query is not read
            assertThat(tools).contains("read", "schema_get").doesNotContain("change", "load", "find_person");
            assertThat(ok.byId(3).path("result").path("content").get(0).path("text").asText())
                    .contains("node Person");
            assertThat(ok.err()).contains("bridging stdio to " + base + "/graphs/knowledge/mcp");

            Run bad = run(Map.of(), List.of(INIT), "mcp", "--server", base, "--graph", "knowledge", "--token", "nope");
            assertThat(bad.code()).isZero();
            assertThat(bad.byId(1).path("error").path("message").asText()).contains("HTTP 401")
                    .contains("--token / OMNIGRAPH_TOKEN");
            assertThat(bad.err()).contains("HTTP 401");

            Run ghost = run(Map.of("OMNIGRAPH_TOKEN", "reader-secret"), List.of(INIT), "mcp", "--server", base,
                    "--graph", "ghost");
            assertThat(ghost.byId(1).path("error").path("message").asText()).contains("HTTP 404")
                    .contains("graph 'ghost' not found");
        }
    }

    @Test
    void usageErrorsNameTheFix() throws Exception {
        Run none = run(Map.of(), List.of(), "mcp");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--server <url> --graph <id>").contains("--store <uri>");
        Run both = run(Map.of(), List.of(), "mcp", "--server", "http://x", "--store", "/tmp/x");
        assertThat(both.code()).isEqualTo(2);
        Run name = run(Map.of(), List.of(), "mcp", "--server", "prod", "--graph", "g");
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err()).contains("needs the server URL");
        Run cluster = run(Map.of(), List.of(), "mcp", "--cluster", tmp.toString());
        assertThat(cluster.code()).isEqualTo(2);
        assertThat(cluster.err()).contains("invalid_scope");
        Run missing = run(Map.of(), List.of(), "mcp", "--store", tmp.resolve("nothing.omni").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error[").doesNotContain("Exception");
        Run help = run(Map.of(), List.of(), "mcp", "--help");
        assertThat(help.code()).isZero();
    }

    @Test
    void endpointAndGraphIdDerivation() {
        assertThat(McpCommand.endpoint("http://h:1/", Optional.of("g")).toString()).isEqualTo("http://h:1/graphs/g/mcp");
        assertThat(McpCommand.endpoint("http://h:1", Optional.empty()).toString()).isEqualTo("http://h:1/mcp");
        assertThat(McpCommand.endpoint("https://h/x/mcp", Optional.empty()).toString()).isEqualTo("https://h/x/mcp");
        assertThat(McpCommand.graphId("s3://b/graphs/knowledge.omni/")).isEqualTo("knowledge");
        assertThat(McpCommand.graphId("/data/my graph")).isEqualTo("my-graph");
    }

    /** What an agent host does: spawn the process, talk over its stdin/stdout, close stdin to stop it. */
    @Test
    void runsAsAProcessOverStdio() throws Exception {
        String uri = graph();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.omnigraph.cli.Main", "mcp", "--store", uri);
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            in.write((INIT + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            JsonNode init = JSON.readTree(out.readLine());
            assertThat(init.path("result").path("serverInfo").path("name").asText())
                    .as(Files.readString(tmp.resolve("stderr.txt"))).isEqualTo("omnigraph");
            in.write((INITIALIZED + "\n" + call(2, "snapshot", "{}") + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            JsonNode snap = JSON.readTree(out.readLine());
            assertThat(snap.path("id").asInt()).isEqualTo(2);
            assertThat(snap.path("result").path("content").get(0).path("text").asText()).contains("Person");
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
