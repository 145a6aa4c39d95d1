package io.omnigraph.cli.demo;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.storage.ObjectStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's serve step: serves the applied demo cluster with one printed bearer token per policy actor. */
class DemoServeTest {
    @TempDir
    Path tmp;

    @Test
    void servesTheAppliedDemoWithPrintedTokens() throws Exception {
        Path dir = tmp.resolve("company-brain");
        for (String f : DemoCommand.resourceLines("files.txt")) {
            Path out = dir.resolve(f);
            Files.createDirectories(out.getParent());
            try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.RESOURCE_ROOT + f)) {
                Files.write(out, in.readAllBytes());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                new ByteArrayInputStream(new byte[0]), Map.of());
        DemoRun run = new DemoRun(ctx, dir, true);
        assertThat(DemoServe.serve(run, "127.0.0.1:0", s -> {
        })).isInstanceOf(StepOutcome.NotAvailable.class);

        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(),
                ObjectStores::open, Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(dir, Optional.of("andrew")).json().path("converged").asBoolean()).isTrue();

        List<String> tokens = new ArrayList<>();
        StepOutcome outcome = DemoServe.serve(run, "127.0.0.1:0", served -> {
            tokens.addAll(served.tokens().values());
            assertThat(served.tokens().keySet()).containsExactlyInAnyOrder("agent-1", "agent-2", "andrew", "ruth");
            String base = served.server().baseUrl();
            assertThat(get(base + "/healthz", null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/graphs", null).statusCode()).isEqualTo(401);
            HttpResponse<String> graphs = get(base + "/graphs", served.tokens().get("ruth"));
            assertThat(graphs.statusCode()).isEqualTo(200);
            assertThat(graphs.body()).contains("\"graph_id\":\"knowledge\"");
            assertThat(get(base + "/graphs/knowledge/queries", served.tokens().get("agent-1")).statusCode()).isEqualTo(200);
        });
        assertThat(outcome).isInstanceOf(StepOutcome.Done.class);
        String printed = out.toString(StandardCharsets.UTF_8);
        for (String t : tokens) {
            assertThat(printed).contains(t);
            assertThat(printed.indexOf("  " + t)).isEqualTo(printed.lastIndexOf("  " + t)); // listed once
        }
        assertThat(printed).contains("curl -s").contains("/graphs/knowledge/queries/who_works_on");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                tokens.forEach(t -> assertThat(content).as(p.toString()).doesNotContain(t));
            }
        }
    }

    /** Under {@code --json} the serving banner (tokens, curl lines) goes to stderr: stdout carries only the JSON report. */
    @Test
    void jsonModeKeepsTheBannerOffStdout() throws Exception {
        Path dir = tmp.resolve("company-brain-json");
        for (String f : DemoCommand.resourceLines("files.txt")) {
            Path out = dir.resolve(f);
            Files.createDirectories(out.getParent());
            try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.RESOURCE_ROOT + f)) {
                Files.write(out, in.readAllBytes());
            }
        }
        ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(),
                ObjectStores::open, Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
        assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
        assertThat(cp.apply(dir, Optional.of("andrew")).json().path("converged").asBoolean()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), Map.of());
        List<String> tokens = new ArrayList<>();
        StepOutcome outcome = DemoServe.serve(new DemoRun(ctx, dir, false), "127.0.0.1:0",
                served -> tokens.addAll(served.tokens().values()));
        assertThat(outcome).isInstanceOf(StepOutcome.Done.class);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("curl -s").contains(tokens.get(0));
    }

    static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
