package io.omnigraph.cli.server;

import io.omnigraph.cli.ServerMain;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.server.config.Env;
import io.omnigraph.storage.ObjectStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** {@code omnigraph-server}: flags, environment, exclusivity of --cluster, exit codes, and a real process serving. */
class ServerMainTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new ServerMain(Env.of(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void clusterIsRequiredAndExclusive() {
        Run none = run(Map.of(), "--unauthenticated");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("boots from a cluster").contains("--cluster");
        assertThat(run(Map.of(), "--cluster", tmp.toString(), "/data/people.omni").code()).isEqualTo(2);
        Run config = run(Map.of(), "--cluster", tmp.toString(), "--config", "omnigraph.yaml");
        assertThat(config.code()).isEqualTo(2);
        assertThat(config.err()).contains("cannot be combined with a graph URI, --config or --target");
        Run env = run(Map.of("OMNIGRAPH_CLUSTER", tmp.toString(), "OMNIGRAPH_CONFIG", "x.yaml"), "--unauthenticated");
        assertThat(env.code()).isEqualTo(64);
        assertThat(env.err()).contains("OMNIGRAPH_CONFIG");
    }

    @Test
    void refusalsExitNonZeroWithTheDiagnostics() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Run state = run(Map.of(), "--cluster", empty.toString(), "--bind", "127.0.0.1:0", "--unauthenticated");
        assertThat(state.code()).isEqualTo(1);
        assertThat(state.err()).contains("the cluster at '" + empty + "' is not ready to serve:")
                .contains("[cluster_state_missing]").contains("cluster import");
        assertThat(state.out()).isEmpty();
        Run missing = run(Map.of("OMNIGRAPH_CLUSTER", tmp.resolve("nope").toString()), "--unauthenticated");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("[config_dir_not_found]");
        Run badBind = run(Map.of(), "--cluster", empty.toString(), "--bind", "nohost", "--unauthenticated");
        assertThat(badBind.code()).isEqualTo(2);
        assertThat(badBind.err()).contains("--bind");
        Run badInterval = run(Map.of("OMNIGRAPH_RELOAD_INTERVAL", "soon"), "--cluster", empty.toString(), "--unauthenticated");
        assertThat(badInterval.code()).isEqualTo(2);
        assertThat(badInterval.err()).contains("OMNIGRAPH_RELOAD_INTERVAL");
    }

    /** A real process: prints exactly the listen line on stdout, serves, and stops gracefully on SIGTERM. */
    @Test
    void servesAsAProcessUntilSigterm() throws Exception {
        Path dir = tmp.resolve("f");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("people.pg"), "node Person {\n    name: String @key\n    age: I32?\n}\n");
        Files.writeString(dir.resolve("people.gq"), "query find_person($name: String) {\n    match { $p: Person { name: $name } }\n"
                + "    return { $p.name, $p.age }\n}\n");
        Files.writeString(dir.resolve("cluster.yaml"), "version: 1\nmetadata:\n  name: company-brain\n"
                + "state: { backend: cluster, lock: true }\ngraphs:\n  knowledge:\n    schema: ./people.pg\n"
                + "    queries:\n      find_person: { file: ./people.gq }\n");
        long tApply = System.nanoTime();
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(), ObjectStores::open,
                Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(dir, Optional.of("act-cluster-test")).json().path("converged").asBoolean()).isTrue();

        System.err.println("applied in " + (System.nanoTime() - tApply) / 1_000_000 + " ms");
        long tStart = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                "io.omnigraph.cli.ServerMain", "--cluster", dir.toString(), "--bind", "127.0.0.1:0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().put("OMNIGRAPH_UNAUTHENTICATED", "1");
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as(Files.readString(tmp.resolve("stderr.txt"))).matches("OMNIGRAPH_LISTEN_ADDR=127\\.0\\.0\\.1:\\d+");
            System.err.println("listening " + (System.nanoTime() - tStart) / 1_000_000 + " ms after spawn");
            String base = "http://" + line.substring("OMNIGRAPH_LISTEN_ADDR=".length());
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"");
            HttpResponse<String> queries = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/graphs/knowledge/queries")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(queries.statusCode()).isEqualTo(200);
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            assertThat(out.readLine()).isNull(); // nothing else on stdout, then EOF when the process exits
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            System.err.println("stopped " + (System.nanoTime() - t0) / 1_000_000 + " ms after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isIn(0, 143);
        assertThat(Files.readString(tmp.resolve("stderr.txt"))).contains("shutting down").contains("stopped");
    }
}
