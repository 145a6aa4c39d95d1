package io.omnigraph.server.http;

import io.omnigraph.server.authz.Action;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.FakePolicy;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The bearer middleware over real HTTP: who gets in, and where the actor comes from. */
class AuthHttpTest {
    private static final String MUTATE = "{\"query\":\"query m() { insert Person { name: \\\"a\\\" } }\"}";

    /** Scenario 28: tokens, no bundles ⇒ DefaultDeny. */
    @Test
    void defaultDenyMatrix() {
        try (TestServer s = TestServer.withTokens(FakeCluster.withKnowledge(), Map.of("act-reader", "s3cret"))) {
            assertThat(s.server().runtimeState().name()).isEqualTo("DEFAULT_DENY");
            Resp ok = s.get("/graphs/knowledge/snapshot", "Authorization", "Bearer s3cret");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().path("graph_branch").asText()).isEqualTo("main");

            Resp denied = s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer s3cret");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.code()).isEqualTo("forbidden");

            Resp missing = s.get("/graphs/knowledge/snapshot");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.error()).isEqualTo("missing bearer token");
            assertThat(missing.code()).isEqualTo("unauthorized");
            assertThat(missing.header("WWW-Authenticate")).contains("Bearer");

            Resp wrong = s.get("/graphs/knowledge/snapshot", "Authorization", "Bearer s3cret2");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("invalid bearer token");

            Resp lower = s.get("/graphs/knowledge/snapshot", "Authorization", "bearer s3cret");
            assertThat(lower.error()).as(lower.toString()).isEqualTo("missing bearer token");
            assertThat(s.get("/graphs/knowledge/snapshot", "Authorization", "Basic czNjcmV0").error()).isEqualTo("missing bearer token");
        }
    }

    /**
     * Regression: Jetty's header cache is case-insensitive by default, so on a keep-alive connection a token that
     * differs only in case from one already seen used to authenticate. The client here reuses one connection.
     */
    @Test
    void tokensAndSchemeAreCaseSensitiveOnAKeepAliveConnection() {
        try (TestServer s = TestServer.withTokens(FakeCluster.withKnowledge(), Map.of("act-reader", "s3cret"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(s.get("/graphs/knowledge/snapshot", "Authorization", "Bearer s3cret").status()).isEqualTo(200);
                assertThat(s.get("/graphs/knowledge/snapshot", "Authorization", "Bearer S3CRET").status()).isEqualTo(401);
                assertThat(s.get("/graphs/knowledge/snapshot", "Authorization", "bearer s3cret").status()).isEqualTo(401);
                assertThat(s.get("/graphs/knowledge/snapshot", "Authorization", "BEARER s3cret").status()).isEqualTo(401);
            }
        }
    }

    @Test
    void publicRoutesNeedNoTokenEverythingElseDoes() {
        try (TestServer s = TestServer.withTokens(FakeCluster.withKnowledge(), Map.of("a", "t"))) {
            assertThat(s.get("/healthz").status()).isEqualTo(200);
            assertThat(s.get("/openapi.json").status()).isEqualTo(200);
            // 401 comes before routing: unknown routes and unknown graphs do not reveal themselves
            assertThat(s.get("/nope").status()).isEqualTo(401);
            assertThat(s.get("/graphs/unknown/snapshot").status()).isEqualTo(401);
            assertThat(s.get("/graphs/bad_id/snapshot").status()).isEqualTo(401);
            assertThat(s.get("/graphs").status()).isEqualTo(401);
        }
    }

    /** The actor comes only from the token, whatever the request body or headers claim. */
    @Test
    void actorComesOnlyFromTheToken() {
        FakeGraph graph = new FakeGraph("knowledge").policy(new FakePolicy().grant("act-a", Action.CHANGE, Action.READ)
                .grant("root", Action.CHANGE));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(graph), Map.of("act-a", "tok-a", "root", "tok-root"))) {
            String spoof = "{\"query\":\"query m() { insert Person { name: \\\"a\\\" } }\",\"actor\":\"root\","
                    + "\"actor_id\":\"root\",\"as\":\"root\"}";
            Resp r = s.post("/graphs/knowledge/mutate", spoof, "Authorization", "Bearer tok-a",
                    "X-Omnigraph-Actor", "root", "Omnigraph-Actor", "root", "X-Forwarded-User", "root");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("actor_id").asText()).isEqualTo("act-a");
            assertThat(graph.lastReceived().orElseThrow().actor()).contains("act-a");
            assertThat(r.json().path("commit").path("actor_id").asText()).isEqualTo("act-a");

            Resp root = s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer tok-root");
            assertThat(root.json().path("actor_id").asText()).isEqualTo("root");
            assertThat(graph.lastReceived().orElseThrow().actor()).contains("root");
        }
    }

    @Test
    void openModeIgnoresCredentialsAndHasNoActor() {
        FakeCluster cluster = FakeCluster.withKnowledge();
        try (TestServer s = TestServer.open(cluster)) {
            Resp r = s.post("/graphs/knowledge/mutate", MUTATE, "Authorization", "Bearer whatever");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().has("actor_id")).isFalse();
            assertThat(cluster.graph0().lastReceived().orElseThrow().actor()).isEqualTo(Optional.empty());
        }
    }

    @Test
    void everyProtectedOperationAnswers401WithoutToken() {
        try (TestServer s = TestServer.withTokens(FakeCluster.withKnowledge(), Map.of("a", "t"))) {
            for (String op : io.omnigraph.server.contract.OpenApiContract.get().operations()) {
                String[] parts = op.split(" ", 2);
                String path = parts[1].replace("{graph_id}", "knowledge").replace("{name}", "find_person")
                        .replace("{branch}", "b").replace("{commit_id}", "c1");
                if (path.equals("/healthz")) {
                    continue;
                }
                Resp r = s.send(parts[0], path, java.net.http.HttpRequest.BodyPublishers.noBody());
                assertThat(r.status()).as(op).isEqualTo(401);
            }
        }
    }
}
