package io.omnigraph.server.http;

import io.omnigraph.server.authz.Action;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.FakePolicy;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutations, loads, branches, merge, schema apply: headers, preconditions, gates and backend hand-off. */
class WriteRoutesHttpTest {
    private static final String MUTATE = "{\"query\":\"query m() { insert Person { name: \\\"a\\\" } }\",\"name\":\"m\"}";
    private static final String IF = "Omnigraph-If-Graph-Commit";

    @Test
    void deprecatedRoutesCarryDeprecationAndSuccessorLink() {
        try (TestServer s = TestServer.open(FakeCluster.withKnowledge())) {
            Resp read = s.post("/graphs/knowledge/read", "{\"query_source\":\"query q() {}\",\"query_name\":\"q\"}");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Deprecation")).contains("true");
            assertThat(read.header("Link")).contains("</graphs/knowledge/query>; rel=\"successor-version\"");
            assertThat(read.json().has("graph_commit_id")).isFalse();
            assertThat(read.json().path("query_name").asText()).isEqualTo("q");

            Resp change = s.post("/graphs/knowledge/change", "{\"query_source\":\"query m() { insert Person {} }\"}");
            assertThat(change.status()).isEqualTo(200);
            assertThat(change.header("Link")).contains("</graphs/knowledge/mutate>; rel=\"successor-version\"");

            Resp ingest = s.post("/graphs/knowledge/ingest", "{\"data\":\"{}\\n{}\\n\"}");
            assertThat(ingest.status()).isEqualTo(200);
            assertThat(ingest.header("Link")).contains("</graphs/knowledge/load>; rel=\"successor-version\"");

            Resp failing = s.post("/graphs/knowledge/read", "{}");
            assertThat(failing.status()).isEqualTo(400);
            assertThat(failing.header("Deprecation")).as("also on errors").contains("true");

            Resp query = s.post("/graphs/knowledge/query", "{\"query\":\"q\"}");
            assertThat(query.header("Deprecation")).isEmpty();
            assertThat(query.json().path("graph_commit_id").asText()).isNotEmpty();
        }
    }

    @Test
    void ifGraphCommitHeaderRules() {
        FakeCluster cluster = FakeCluster.withKnowledge();
        try (TestServer s = TestServer.open(cluster)) {
            String head = cluster.graph0().head("main");
            Resp forbidden = s.post("/graphs/knowledge/mutate", MUTATE, IF, head);
            assertThat(forbidden.status()).isEqualTo(400);
            assertThat(forbidden.error()).contains("/graphs/knowledge/mutate/if-graph-commit");
            assertThat(s.post("/graphs/knowledge/change", MUTATE, IF, head).status()).isEqualTo(400);
            assertThat(s.post("/graphs/knowledge/load", "{\"data\":\"\"}", IF, head).status()).isEqualTo(400);

            Resp missing = s.post("/graphs/knowledge/mutate/if-graph-commit", MUTATE);
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.error()).contains("missing required header " + IF);
            assertThat(s.post("/graphs/knowledge/mutate/if-graph-commit", MUTATE, IF, head, IF, head).error())
                    .contains("exactly once");
            assertThat(cluster.graph0().received()).isEmpty();

            Resp ok = s.post("/graphs/knowledge/mutate/if-graph-commit", MUTATE, IF, head);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(cluster.graph0().lastReceived().orElseThrow().ifGraphCommit()).contains(head);

            Resp stale = s.post("/graphs/knowledge/mutate/if-graph-commit", MUTATE, IF, head);
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.json().has("code")).isFalse();
            assertThat(stale.json().path("precondition_failure").path("expected").asText()).isEqualTo(head);
            assertThat(stale.json().path("precondition_failure").path("actual").asText())
                    .isEqualTo(cluster.graph0().head("main"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"c0001-knowledge\"", "W/\"c0001-knowledge\"", "W/c1", "c1,c2", "c1 c2", " "})
    void malformedIfGraphCommitValuesAre400(String value) {
        int before = shared.graph0().received().size();
        Resp r = sharedServer.post("/graphs/knowledge/mutate/if-graph-commit", MUTATE, IF, value);
        assertThat(r.status()).as(value).isEqualTo(400);
        assertThat(shared.graph0().received()).hasSize(before);
    }

    private static FakeCluster shared;
    private static TestServer sharedServer;

    @org.junit.jupiter.api.BeforeAll
    static void startShared() {
        shared = FakeCluster.withKnowledge();
        sharedServer = TestServer.open(shared);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopShared() {
        sharedServer.close();
    }

    @Test
    void loadBranchRules() {
        FakeCluster cluster = FakeCluster.withKnowledge();
        try (TestServer s = TestServer.open(cluster)) {
            Resp missing = s.post("/graphs/knowledge/load", "{\"data\":\"{}\\n\",\"branch\":\"feature\"}");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error()).contains("branch 'feature' not found").contains("from");

            Resp created = s.post("/graphs/knowledge/load",
                    "{\"data\":\"{}\\n{}\\n\",\"branch\":\"feature\",\"from\":\"main\",\"mode\":\"append\"}");
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.json().path("branch_created").asBoolean()).isTrue();
            assertThat(created.json().path("base_branch").asText()).isEqualTo("main");
            assertThat(created.json().path("mode").asText()).isEqualTo("append");
            assertThat(created.json().path("uri").asText()).isEqualTo(cluster.graph0().uri());

            Resp nd = s.postRaw("/graphs/knowledge/load/ndjson?branch=feature&mode=overwrite",
                    "{}\n{}\n{}\n".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson");
            assertThat(nd.status()).isEqualTo(200);
            assertThat(nd.json().has("uri")).isFalse();
            assertThat(nd.json().path("total_entities").asLong()).isEqualTo(3);
            assertThat(cluster.graph0().lastReceived().orElseThrow().detail()).isEqualTo("overwrite|3|");

            Resp defaults = s.postRaw("/graphs/knowledge/load/ndjson", "{}\n".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/x-ndjson");
            assertThat(defaults.json().path("branch").asText()).isEqualTo("main");
            assertThat(defaults.json().path("mode").asText()).isEqualTo("merge");
        }
    }

    @Test
    void loadCreatingABranchNeedsBranchCreate() {
        FakeGraph g = new FakeGraph("knowledge").policy(new FakePolicy().grant("w", Action.CHANGE));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(g), Map.of("w", "t"))) {
            Resp r = s.post("/graphs/knowledge/load", "{\"data\":\"\",\"branch\":\"f\",\"from\":\"main\"}",
                    "Authorization", "Bearer t");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error()).contains("branch_create").contains("on branch 'main' targeting branch 'f'");
            assertThat(s.post("/graphs/knowledge/load", "{\"data\":\"\"}", "Authorization", "Bearer t").status()).isEqualTo(200);
        }
    }

    @Test
    void branchLifecycleAndConflicts() {
        FakeCluster cluster = FakeCluster.withKnowledge();
        try (TestServer s = TestServer.open(cluster)) {
            Resp created = s.post("/graphs/knowledge/branches", "{\"name\":\"feature\"}");
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.json().path("from").asText()).isEqualTo("main");
            assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"feature\"}").status()).isEqualTo(409);
            assertThat(s.get("/graphs/knowledge/branches").json().path("branches").toString())
                    .isEqualTo("[\"feature\",\"main\"]");

            assertThat(s.post("/graphs/knowledge/mutate", "{\"query\":\"query m() { insert Person {} }\",\"branch\":\"feature\"}")
                    .status()).isEqualTo(200);
            Resp merged = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"feature\"}");
            assertThat(merged.status()).isEqualTo(200);
            assertThat(merged.json().path("outcome").asText()).isEqualTo("fast_forward");
            assertThat(merged.json().path("target").asText()).isEqualTo("main");
            assertThat(merged.json().has("branch_deleted")).isFalse();
            Resp again = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"feature\",\"delete_branch\":true}");
            assertThat(again.json().path("outcome").asText()).isEqualTo("already_up_to_date");
            assertThat(again.json().path("branch_deleted").asBoolean()).isTrue();
            assertThat(again.json().has("branch_delete_error")).isFalse();

            assertThat(s.delete("/graphs/knowledge/branches/feature").status()).isEqualTo(404);
            Resp main = s.delete("/graphs/knowledge/branches/main");
            assertThat(main.status()).isEqualTo(400);
            assertThat(main.code()).isEqualTo("bad_request");

            s.post("/graphs/knowledge/branches", "{\"name\":\"conflicting\"}");
            Resp conflict = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"conflicting\"}");
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.json().path("merge_conflicts").get(0).path("kind").asText()).isEqualTo("divergent_update");
            assertThat(s.delete("/graphs/knowledge/branches/conflicting").status()).isEqualTo(200);
        }
    }

    @Test
    void mergeReportsARefusedDeletionWithoutFailing() {
        FakeGraph g = new FakeGraph("knowledge").branch("feature").policy(new FakePolicy().grant("m", Action.BRANCH_MERGE));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(g), Map.of("m", "t"))) {
            Resp r = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"feature\",\"delete_branch\":true}",
                    "Authorization", "Bearer t");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("branch_deleted").asBoolean()).isFalse();
            assertThat(r.json().path("branch_delete_error").asText()).contains("branch_delete");
            assertThat(r.json().path("actor_id").asText()).isEqualTo("m");
            assertThat(g.branchExists("feature")).isTrue();
            assertThat(g.lastReceived().orElseThrow().operation()).isEqualTo("merge");
            assertThat(g.lastReceived().orElseThrow().actor()).isEqualTo(Optional.of("m"));
        }
    }

    /** Scenario 30. */
    @Test
    void schemaApplyIs409ForGrantedActorsAnd403OtherwiseNever409First() {
        FakeGraph g = new FakeGraph("knowledge").policy(new FakePolicy().grant("admin", Action.SCHEMA_APPLY)
                .grant("dev", Action.READ, Action.CHANGE));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(g), Map.of("admin", "ta", "dev", "td"))) {
            String body = "{\"schema_source\":\"node Person { name: String @key }\",\"allow_data_loss\":true}";
            Resp admin = s.post("/graphs/knowledge/schema/apply", body, "Authorization", "Bearer ta");
            assertThat(admin.status()).isEqualTo(409);
            assertThat(admin.code()).isEqualTo("conflict");
            assertThat(admin.error()).isEqualTo(WriteRoutes.SCHEMA_APPLY_DISABLED).contains("omnigraph cluster apply");
            Resp dev = s.post("/graphs/knowledge/schema/apply", body, "Authorization", "Bearer td");
            assertThat(dev.status()).isEqualTo(403);
            assertThat(s.get("/graphs/knowledge/schema", "Authorization", "Bearer td").json().path("schema_source").asText())
                    .contains("node Person");
        }
    }
}
