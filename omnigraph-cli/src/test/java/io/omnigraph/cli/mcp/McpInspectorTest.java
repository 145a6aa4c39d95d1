package io.omnigraph.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.storage.ObjectStores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference client: the official MCP Inspector in CLI mode ({@code npx @modelcontextprotocol/inspector --cli})
 * lists our tools over Streamable HTTP and over stdio. Skipped, with the reason, when {@code npx} is not installed,
 * when {@code OMNIGRAPH_SKIP_INSPECTOR=1}, or when the npm registry cannot be reached; every run is bounded by a
 * timeout so it cannot hang a build.
 */
class McpInspectorTest {
    static final String PACKAGE = "@modelcontextprotocol/inspector";
    static final Duration TIMEOUT = Duration.ofSeconds(240);
    static final Pattern NETWORK = Pattern.compile("ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|network|"
            + "registry\\.npmjs\\.org|E404|ERR_SOCKET");

    @TempDir
    Path tmp;

    record Result(int code, String stdout, String stderr) {
    }

    static Optional<Path> npx() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "npx");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs the Inspector CLI with {@code args}; aborts the test (skip) when it cannot run here. */
    Result inspector(List<String> args) throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("OMNIGRAPH_SKIP_INSPECTOR")),
                "OMNIGRAPH_SKIP_INSPECTOR=1: skipping the MCP Inspector check");
        Optional<Path> npx = npx();
        Assumptions.assumeTrue(npx.isPresent(), "node/npx is not installed: skipping the MCP Inspector check");
        List<String> cmd = new ArrayList<>(List.of(npx.get().toString(), "-y", PACKAGE, "--cli"));
        cmd.addAll(args);
        Path out = tmp.resolve("inspector.out");
        Path err = tmp.resolve("inspector.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean done = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Assumptions.abort("the MCP Inspector did not finish within " + TIMEOUT.toSeconds() + " s (is the npm"
                    + " registry reachable?); skipping");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        if (r.code() != 0 && NETWORK.matcher(r.stderr()).find() && !r.stderr().contains("127.0.0.1")) {
            Assumptions.abort("cannot fetch " + PACKAGE + " from the npm registry; skipping: " + r.stderr().strip());
        }
        return r;
    }

    static List<String> toolNames(Result r) throws IOException {
        assertThat(r.code()).as("exit code; stderr: " + r.stderr() + "\nstdout: " + r.stdout()).isZero();
        JsonNode tools = McpCommandTest.JSON.readTree(r.stdout()).path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Test
    void inspectorListsToolsOverStreamableHttp() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cluster"));
        Files.writeString(dir.resolve("people.pg"), McpCommandTest.PG);
        Files.writeString(dir.resolve("people.gq"), McpCommandTest.GQ);
        Files.writeString(dir.resolve("cluster.yaml"), "version: 1\nmetadata:\n  name: t\n"
                + "state: { backend: cluster, lock: true }\ngraphs:\n  knowledge:\n    schema: ./people.pg\n"
                + "    queries:\n      find_person: { file: ./people.gq }\n");
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(
                new io.omnigraph.cluster.graph.EngineGraphPlane(), ObjectStores::open, Clock.systemUTC(),
                Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(dir, Optional.of("act-test")).json().path("converged").asBoolean()).isTrue();
        // Open mode: this Inspector build has no header option, so no bearer token
        ClusterServer.Options options = ClusterServer.Options.of(dir.toString(),
                        ServerConfig.defaults(new BindAddress("127.0.0.1", 0), true), BearerTokens.none())
                .withEnv(Env.of(Map.of())).withReloadInterval(Duration.ZERO);
        try (ClusterServer server = ClusterServer.start(options)) {
            Result r = inspector(List.of(server.baseUrl() + "/graphs/knowledge/mcp", "--transport", "http",
                    "--method", "tools/list"));
            assertThat(toolNames(r)).contains("read", "change", "schema_get", "find_person");
            Result call = inspector(List.of(server.baseUrl() + "/graphs/knowledge/mcp", "--transport", "http",
                    "--method", "tools/call", "--tool-name", "schema_get"));
            assertThat(call.code()).as(call.stderr()).isZero();
            assertThat(call.stdout()).contains("node Person");
        }
    }

    @Test
    void inspectorListsToolsOverStdio() throws Exception {
        Path pg = Files.writeString(tmp.resolve("people.pg"), McpCommandTest.PG);
        String uri = tmp.resolve("people.omni").toString();
        assertThat(McpCommandTest.run(Map.of(), List.of(), "init", "--schema", pg.toString(), uri).code()).isZero();
        // the Inspector reads its own options before `--` and the server command after it
        List<String> args = new ArrayList<>(List.of("--method", "tools/list", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.omnigraph.cli.Main", "mcp", "--store", uri));
        Result r = inspector(args);
        assertThat(toolNames(r)).contains("read", "change", "load", "snapshot");
    }
}
