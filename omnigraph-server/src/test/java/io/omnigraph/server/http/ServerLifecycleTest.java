package io.omnigraph.server.http;

import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerLifecycleTest {
    @Test
    void announcesExactlyOneListenLineAndStopsOnClose() throws Exception {
        OmnigraphServer server = OmnigraphServer.start(ServerConfig.defaults(new BindAddress("127.0.0.1", 0), true),
                BearerTokens.none(), FakeCluster.withKnowledge());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> running = pool.submit(() -> {
                ServerRunner.serveUntilShutdown(server, new PrintStream(captured, true, StandardCharsets.UTF_8));
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (captured.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            String out = captured.toString(StandardCharsets.UTF_8);
            assertThat(out).matches("OMNIGRAPH_LISTEN_ADDR=127\\.0\\.0\\.1:[1-9][0-9]*\\n");
            assertThat(out.trim().substring(out.indexOf(':') + 1)).isEqualTo(String.valueOf(server.address().getPort()));
            server.close();
            running.get(10, TimeUnit.SECONDS);
            assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(out);
        }
    }

    @Test
    void busyPortIsAClearStartError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> OmnigraphServer.start(ServerConfig.defaults(new BindAddress("127.0.0.1",
                    taken.getLocalPort()), true), BearerTokens.none(), FakeCluster.withKnowledge()))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--bind");
        }
    }

    /** close() lets an in-flight request finish before the server stops. */
    @Test
    void gracefulShutdownCompletesInFlightRequests() throws Exception {
        FakeGraph graph = new FakeGraph("knowledge");
        TestServer s = TestServer.start(new FakeCluster().add(graph), BearerTokens.none(),
                c -> c.withShutdownGrace(Duration.ofSeconds(10)), true);
        CountDownLatch release = graph.holdWrites();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Resp> inFlight = pool.submit(() -> s.post("/graphs/knowledge/mutate",
                    "{\"query\":\"query m() { insert Person {} }\"}"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (graph.writesWaiting() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(graph.writesWaiting()).isEqualTo(1);
            Future<?> closing = pool.submit(s::close);
            Thread.sleep(300);
            assertThat(closing.isDone()).as("close waits for the in-flight write").isFalse();
            release.countDown();
            Resp r = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            closing.get(15, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> s.get("/healthz")).isInstanceOf(RuntimeException.class);
    }
}
