package io.omnigraph.server.security;

import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients are bounded: a request that stops mid-head or mid-body is cut off at the idle timeout (1 s here; 5 min
 * by default) with nothing written, and hundreds of clients dribbling their headers do not slow anybody else down
 * (connections are parsed asynchronously and requests run on virtual threads).
 */
class SlowRequestsTest {
    @TempDir
    static Path tmp;
    static ClusterFixture f;
    static Served s;
    static final String T = "tok-slow-7b1e93";
    static final Duration IDLE = Duration.ofSeconds(1);

    @BeforeAll
    static void serve() {
        f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        f.load("knowledge", "{\"type\":\"Person\",\"data\":{\"name\":\"Ada\",\"age\":36}}\n");
        s = f.serve(false, Map.of("andrew", T), o -> o.withConfig(c -> c.withIdleTimeout(IDLE)));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    static Socket connect() throws IOException {
        InetSocketAddress a = s.server.http().address();
        Socket sock = new Socket(a.getAddress(), a.getPort());
        sock.setSoTimeout(15_000);
        return sock;
    }

    /** Reads what the server sends until it closes; returns the first line (empty when it closed without a word). */
    static String untilClosed(Socket sock) throws IOException {
        InputStream in = sock.getInputStream();
        StringBuilder all = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        try {
            while ((n = in.read(buf)) != -1) {
                all.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.net.SocketException reset) {
            // closed hard: same as closed
        }
        return all.toString().lines().findFirst().orElse("");
    }

    @Test
    void aRequestHeadThatStallsIsCutOffAtTheIdleTimeout() throws IOException {
        try (Socket sock = connect()) {
            sock.getOutputStream().write(("GET /graphs/knowledge/snapshot HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + T
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            String first = untilClosed(sock);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("closed after the idle timeout, not before, not much after").isBetween(800L, 6_000L);
            assertThat(first).as("no answer, or a 4xx").satisfiesAnyOf(l -> assertThat(l).isEmpty(),
                    l -> assertThat(l).matches("HTTP/1\\.1 4\\d\\d .*"));
        }
    }

    @Test
    void aBodyThatStallsIsCutOffAndWritesNothing() throws IOException {
        int commits = f.commitCount("knowledge", "main");
        String body = "{\"query\":\"query q() { insert Person { name: \\\"Slow\\\", age: 1 } }\"}";
        try (Socket sock = connect()) {
            sock.getOutputStream().write(("POST /graphs/knowledge/mutate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + T
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() + 50) + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            String first = untilClosed(sock);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isLessThan(6_000L);
            assertThat(first).as("no answer, or a 4xx — never a 5xx").satisfiesAnyOf(l -> assertThat(l).isEmpty(),
                    l -> assertThat(l).matches("HTTP/1\\.1 4\\d\\d .*"));
        }
        assertThat(f.commitCount("knowledge", "main")).as("the truncated write did not land").isEqualTo(commits);
        assertThat(s.get("/graphs/knowledge/snapshot", bearer(T)).status()).isEqualTo(200);
    }

    @Test
    void dribblingClientsDoNotStarveOthers() throws Exception {
        int slow = 200;
        List<Socket> socks = new ArrayList<>();
        ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < slow; i++) {
                Socket sock = connect();
                sock.getOutputStream().write("GET /graphs/knowledge/snapshot HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                socks.add(sock);
            }
            // one more header byte on every connection every 300 ms: each stays under the idle timeout
            dribbler.scheduleAtFixedRate(() -> {
                for (Socket sock : socks) {
                    try {
                        sock.getOutputStream().write('a');
                    } catch (IOException closed) {
                        // the server may give up on a connection; that is fine
                    }
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            Thread.sleep(500);
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                assertThat(s.get("/graphs/knowledge/snapshot", bearer(T)).status()).isEqualTo(200);
                worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
            }
            assertThat(worst).as("worst latency of a normal request next to " + slow + " dribbling clients (ms)")
                    .isLessThan(2_000L);
            System.out.println("SlowRequestsTest: " + slow + " dribbling connections; worst normal request " + worst + " ms");
        } finally {
            dribbler.shutdownNow();
            for (Socket sock : socks) {
                sock.close();
            }
        }
    }
}
