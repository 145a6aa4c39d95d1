package io.omnigraph.server.http;

import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.authz.RuntimeState;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.FakePolicy;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runtime states (§4.3) and their refusals, seen through a started server. */
class RuntimeStateHttpTest {
    private static final String AUTH_A = "Bearer tok-a";

    @Test
    void refusesWithoutTokensBundlesOrOptIn() {
        assertThatThrownBy(() -> OmnigraphServer.start(ServerConfig.defaults(new BindAddress("127.0.0.1", 0), false),
                BearerTokens.none(), FakeCluster.withKnowledge()))
                .isInstanceOf(ServerStartException.class).hasMessageContaining("--unauthenticated");
    }

    @Test
    void refusesABundleWithoutTokensEvenWhenUnauthenticated() {
        FakeCluster withGraphBundle = new FakeCluster().add(new FakeGraph("knowledge").policy(new FakePolicy()));
        FakeCluster withServerBundle = FakeCluster.withKnowledge().serverPolicy(new FakePolicy());
        for (FakeCluster cluster : new FakeCluster[]{withGraphBundle, withServerBundle}) {
            for (boolean unauthenticated : new boolean[]{false, true}) {
                assertThatThrownBy(() -> OmnigraphServer.start(ServerConfig.defaults(new BindAddress("127.0.0.1", 0),
                        unauthenticated), BearerTokens.none(), cluster))
                        .hasMessageContaining("policy file is configured but no bearer tokens");
            }
        }
    }

    @Test
    void openModeAllowsWritesButNotGraphList() {
        try (TestServer s = TestServer.open(FakeCluster.withKnowledge())) {
            assertThat(s.server().runtimeState()).isEqualTo(RuntimeState.OPEN);
            assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"feature\"}").status()).isEqualTo(200);
            Resp graphs = s.get("/graphs");
            assertThat(graphs.status()).isEqualTo(403);
            assertThat(graphs.code()).isEqualTo("forbidden");
        }
    }

    /** PolicyEnabled: a graph without its own bundle is read-only; graph_list needs the cluster bundle. */
    @Test
    void policyEnabled() {
        FakeGraph governed = new FakeGraph("governed").policy(new FakePolicy().grant("act-a", Action.READ, Action.CHANGE));
        FakeGraph plain = new FakeGraph("plain");
        FakeCluster cluster = new FakeCluster().add(plain).add(governed)
                .serverPolicy(new FakePolicy().grant("act-a", Action.GRAPH_LIST))
                .quarantine("broken", "interrupted operation op-1 awaits recovery");
        try (TestServer s = TestServer.withTokens(cluster, Map.of("act-a", "tok-a", "act-b", "tok-b"))) {
            assertThat(s.server().runtimeState()).isEqualTo(RuntimeState.POLICY_ENABLED);
            String mutate = "{\"query\":\"query m() { insert Person { name: \\\"x\\\" } }\"}";
            assertThat(s.post("/graphs/governed/mutate", mutate, "Authorization", AUTH_A).status()).isEqualTo(200);
            assertThat(s.post("/graphs/governed/mutate", mutate, "Authorization", "Bearer tok-b").status()).isEqualTo(403);
            assertThat(s.get("/graphs/plain/snapshot", "Authorization", AUTH_A).status()).isEqualTo(200);
            Resp readOnly = s.post("/graphs/plain/mutate", mutate, "Authorization", AUTH_A);
            assertThat(readOnly.status()).isEqualTo(403);
            assertThat(readOnly.error()).contains("no policy bundle is bound to graph 'plain'");

            Resp list = s.get("/graphs", "Authorization", AUTH_A);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().path("graphs").findValuesAsText("graph_id")).containsExactly("governed", "plain");
            assertThat(list.json().path("graphs").get(0).path("uri").asText()).isEqualTo("mem://cluster/graphs/governed.omni");
            assertThat(s.get("/graphs", "Authorization", "Bearer tok-b").status()).isEqualTo(403);

            Resp quarantined = s.get("/graphs/broken/snapshot", "Authorization", AUTH_A);
            Resp unknown = s.get("/graphs/never/snapshot", "Authorization", AUTH_A);
            assertThat(quarantined.status()).isEqualTo(404);
            assertThat(quarantined.error()).isEqualTo("graph 'broken' not found");
            assertThat(unknown.error()).isEqualTo("graph 'never' not found");
        }
    }

    /** Scenario 26, second half: the bundle grants only change ⇒ catalog 403, invoke 404. */
    @Test
    void bundleGrantingOnlyChange() {
        FakeGraph knowledge = new FakeGraph("knowledge").policy(new FakePolicy().grant("andrew", Action.CHANGE));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(knowledge), Map.of("andrew", "t"))) {
            assertThat(s.get("/graphs/knowledge/queries", "Authorization", "Bearer t").status()).isEqualTo(403);
            Resp invoke = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"nobody\"}}",
                    "Authorization", "Bearer t");
            assertThat(invoke.status()).isEqualTo(404);
            assertThat(invoke.error()).isEqualTo("stored query not found");
        }
    }

    @Test
    void brokenPolicyIs500WithPolicyPrefix() {
        FakeGraph g = new FakeGraph("knowledge").policy(new FakePolicy().broken());
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(g), Map.of("a", "t"))) {
            Resp r = s.get("/graphs/knowledge/snapshot", "Authorization", "Bearer t");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.code()).isEqualTo("internal");
            assertThat(r.error()).startsWith("policy: ");
        }
    }
}
