package io.omnigraph.server.http;

import io.omnigraph.server.authz.Action;
import io.omnigraph.server.config.Limits;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.FakePolicy;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-actor admission (§4.8) over HTTP: 429 + Retry-After, after the gate, never for reads. */
class AdmissionHttpTest {
    private static final String MUTATE = "{\"query\":\"query m() { insert Person { name: \\\"a\\\" } }\"}";

    @Test
    void inFlightLimitPerActor() throws Exception {
        FakeGraph graph = new FakeGraph("knowledge").policy(new FakePolicy()
                .grant("act-a", Action.READ, Action.CHANGE, Action.BRANCH_CREATE)
                .grant("act-b", Action.READ, Action.CHANGE)
                .grant("act-r", Action.READ));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(graph),
                Map.of("act-a", "ta", "act-b", "tb", "act-r", "tr"),
                c -> c.withLimits(Limits.DEFAULTS.withAdmission(2, Limits.DEFAULT_BYTES_MAX)))) {
            CountDownLatch release = graph.holdWrites();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Resp>> held = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    held.add(pool.submit(() -> s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer ta")));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (graph.writesWaiting() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(graph.writesWaiting()).isEqualTo(2);

                Resp third = s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer ta");
                assertThat(third.status()).isEqualTo(429);
                assertThat(third.code()).isEqualTo("too_many_requests");
                assertThat(third.header("Retry-After")).contains("60");
                // branch operations count against the same budget
                assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"f\"}", "Authorization", "Bearer ta").status())
                        .isEqualTo(429);
                // reads are never admission-gated
                assertThat(s.post("/graphs/knowledge/query", "{\"query\":\"q\"}", "Authorization", "Bearer ta").status())
                        .isEqualTo(200);
                // the gate runs first: a denied actor gets 403, not 429, and consumes nothing
                assertThat(s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer tr").status()).isEqualTo(403);
                // other actors have their own budget
                Future<Resp> other = pool.submit(() -> s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer tb"));

                release.countDown();
                for (Future<Resp> f : held) {
                    assertThat(f.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
                }
                assertThat(other.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer ta").status())
                    .as("permits are released after the write").isEqualTo(200);
        }
    }

    @Test
    void byteBudgetPerActor() {
        try (TestServer s = TestServer.start(FakeCluster.withKnowledge(), io.omnigraph.server.auth.BearerTokens.none(),
                c -> c.withLimits(Limits.DEFAULTS.withAdmission(16, 300)), true)) {
            Resp small = s.post("/graphs/knowledge/mutate", MUTATE);
            assertThat(small.status()).isEqualTo(200);
            String big = "{\"query\":\"query m() { insert Person { name: \\\"" + "x".repeat(400) + "\\\" } }\"}";
            Resp rejected = s.post("/graphs/knowledge/mutate", big);
            assertThat(rejected.status()).isEqualTo(429);
            assertThat(rejected.error()).contains("anonymous").contains("OMNIGRAPH_PER_ACTOR_BYTES_MAX");
            String data = "{\"data\":\"" + "{}\\n".repeat(200) + "\"}";
            assertThat(s.post("/graphs/knowledge/load", data).status()).isEqualTo(429);
        }
    }
}
