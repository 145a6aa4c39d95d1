package io.omnigraph.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.contract.OpenApiContract;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.FakePolicy;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export and baseline streams, the change feed and commit changes. */
class StreamHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportStreamsNdjson() throws Exception {
        FakeCluster cluster = new FakeCluster().add(new FakeGraph("knowledge").exportShape(5, -1));
        try (TestServer s = TestServer.open(cluster)) {
            Resp r = s.post("/graphs/knowledge/export", "{\"type_names\":[\"Person\"]}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            List<String> lines = r.text().lines().toList();
            assertThat(lines).hasSize(5);
            for (String line : lines) {
                assertThat(JSON.readTree(line).path("type").asText()).isEqualTo("Person");
            }
            assertThat(cluster.graph0().lastReceived().orElseThrow().detail()).isEqualTo("Person");
            assertThat(s.post("/graphs/knowledge/export", "{\"branch\":\"nope\"}").status()).isEqualTo(404);
        }
    }

    /** The first lines reach the client while the backend is still producing: the body is not buffered. */
    @Test
    void exportIsNotBuffered() throws Exception {
        FakeGraph graph = new FakeGraph("knowledge").exportShape(50_000, -1);
        CountDownLatch resume = graph.pauseExportAfter(1_000);
        try (TestServer s = TestServer.open(new FakeCluster().add(graph))) {
            HttpResponse<InputStream> r = TestServer.client().send(HttpRequest.newBuilder(URI.create(s.base()
                            + "/graphs/knowledge/export")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            long lines = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < 1_000; i++) {
                    assertThat(reader.readLine()).as("line %d while the backend is paused", i).isNotNull();
                }
                assertThat(resume.getCount()).as("the backend is still paused").isEqualTo(1);
                resume.countDown();
                lines = 1_000 + reader.lines().count();
            }
            assertThat(lines).isEqualTo(50_000);
        }
    }

    /** A failure after the response was committed cuts the transfer: the client sees an error, not a clean body. */
    @Test
    void exportFailureMidStreamAbortsTheConnection() {
        FakeGraph graph = new FakeGraph("knowledge").exportShape(5_000, 4_000);
        try (TestServer s = TestServer.open(new FakeCluster().add(graph))) {
            assertThatThrownBy(() -> TestServer.client().send(HttpRequest.newBuilder(URI.create(s.base()
                            + "/graphs/knowledge/export")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
            // the server is still healthy afterwards
            assertThat(s.get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void exportFailureBeforeAnyByteIsANormalError() {
        FakeGraph graph = new FakeGraph("knowledge").exportShape(10, 0);
        try (TestServer s = TestServer.open(new FakeCluster().add(graph))) {
            Resp r = s.post("/graphs/knowledge/export", "{}");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(r.error()).contains("incident").doesNotContain("storage read failed");
        }
    }

    @Test
    void baselineEndsWithItsTerminalRecord() throws Exception {
        FakeCluster cluster = FakeCluster.withKnowledge();
        try (TestServer s = TestServer.open(cluster)) {
            Resp r = s.post("/graphs/knowledge/changes/baseline", "{\"kind\":[\"node\"],\"type\":[\"Person\"],\"op\":[\"insert\"]}");
            assertThat(r.status()).isEqualTo(200);
            List<String> lines = r.text().lines().toList();
            assertThat(lines).hasSize(3);
            JsonNode last = JSON.readTree(lines.get(2));
            assertThat(OpenApiContract.get().schemaProblems("ChangeBaselineRecord", last.toString())).isEmpty();
            assertThat(last.path("baseline").path("snapshot_commit_id").asText()).isEqualTo(cluster.graph0().head("main"));
            assertThat(cluster.graph0().lastReceived().orElseThrow().detail())
                    .isEqualTo("ChangeFilter[kinds=[NODE], types=[Person], ops=[INSERT]]");
        }
    }

    @Test
    void exportAndBaselineAreExportGated() {
        FakeGraph g = new FakeGraph("knowledge").policy(new FakePolicy().grant("r", Action.READ));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(g), Map.of("r", "t"))) {
            assertThat(s.post("/graphs/knowledge/export", "{}", "Authorization", "Bearer t").status()).isEqualTo(403);
            assertThat(s.post("/graphs/knowledge/changes/baseline", "{}", "Authorization", "Bearer t").status()).isEqualTo(403);
            assertThat(s.get("/graphs/knowledge/changes", "Authorization", "Bearer t").status()).isEqualTo(200);
        }
    }

    @Test
    void changeFeed() {
        FakeCluster cluster = FakeCluster.withKnowledge();
        try (TestServer s = TestServer.open(cluster)) {
            Resp r = s.get("/graphs/knowledge/changes?cursor=c1&limit=10&kind=node&kind=edge&type=Person&op=insert,update");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("caught_up").asBoolean()).isTrue();
            assertThat(cluster.graph0().lastReceived().orElseThrow().detail())
                    .isEqualTo("Cursor=c1|10|ChangeFilter[kinds=[NODE, EDGE], types=[Person], ops=[INSERT, UPDATE]]");
            Resp gap = s.get("/graphs/knowledge/changes?cursor=gone");
            assertThat(gap.status()).isEqualTo(410);
            assertThat(gap.json().has("code")).isFalse();
            assertThat(gap.json().path("change_feed_gap").path("cursor").asText()).isEqualTo("gone");
            assertThat(s.get("/graphs/knowledge/changes?branch=nope").status()).isEqualTo(404);
        }
    }

    @Test
    void commitsAndCommitChanges() {
        FakeGraph g = new FakeGraph("knowledge").policy(new FakePolicy().grant("r", Action.READ).grant("w", Action.CHANGE));
        try (TestServer s = TestServer.withTokens(new FakeCluster().add(g), Map.of("r", "tr", "w", "tw"))) {
            String head = g.head("main");
            Resp list = s.get("/graphs/knowledge/commits", "Authorization", "Bearer tr");
            assertThat(list.json().path("commits").get(0).path("graph_commit_id").asText()).isEqualTo(head);
            assertThat(s.get("/graphs/knowledge/commits/" + head, "Authorization", "Bearer tr").json()
                    .path("graph_branch").asText()).isEqualTo("main");
            assertThat(s.get("/graphs/knowledge/commits/nope", "Authorization", "Bearer tr").status()).isEqualTo(404);

            Resp changes = s.get("/graphs/knowledge/commits/" + head + "/changes?limit=5&page_token=p", "Authorization", "Bearer tr");
            assertThat(changes.status()).isEqualTo(200);
            assertThat(changes.json().path("cause").path("graph_commit_id").asText()).isEqualTo(head);
            assertThat(g.lastReceived().orElseThrow().detail()).isEqualTo("p|5");

            // an actor who may not read the commit's branch gets the same 404 as for an unknown commit
            Resp hidden = s.get("/graphs/knowledge/commits/" + head + "/changes", "Authorization", "Bearer tw");
            Resp unknown = s.get("/graphs/knowledge/commits/zzz/changes", "Authorization", "Bearer tr");
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(hidden.error()).isEqualTo("commit '" + head + "' not found");
            assertThat(unknown.error()).isEqualTo("commit 'zzz' not found");
            assertThat(hidden.json().size()).isEqualTo(unknown.json().size());
        }
    }
}
