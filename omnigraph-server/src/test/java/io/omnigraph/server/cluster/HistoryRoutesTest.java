package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merge, commit changes, the change feed and baselines over HTTP on the company-brain cluster: the agent works on its
 * branch, the reviewer merges; every response validated against openapi.json.
 */
class HistoryRoutesTest {
    @TempDir
    static Path tmp;
    static ClusterFixture f;
    static Served s;
    static final String ANDREW = "t-andrew";
    static final String RUTH = "t-ruth";
    static final String AGENT = "t-agent1";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void serve() {
        f = ClusterFixture.companyBrain(tmp.resolve("company-brain")).converge();
        f.load("knowledge", f.read("seed.jsonl"));
        s = f.serve(false, Map.of("andrew", ANDREW, "ruth", RUTH, "agent-1", AGENT));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    static String head(String branch) {
        return s.get("/graphs/knowledge/commits?branch=" + branch, bearer(ANDREW)).json().path("commits").get(0)
                .path("graph_commit_id").asText();
    }

    static Resp addPerson(String branch, String slug, String token) {
        return s.post("/graphs/knowledge/queries/add_person", "{\"branch\":\"" + branch + "\",\"params\":{\"slug\":\""
                + slug + "\",\"name\":\"" + slug + "\",\"role\":\"agent\"}}", bearer(token));
    }

    @Test
    void agentBranchReviewedAndMerged() {
        String branch = "agent-1/merge-test";
        assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"" + branch + "\"}", bearer(AGENT)).status()).isEqualTo(200);
        Resp added = addPerson(branch, "kit", AGENT);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        String commit = added.json().path("commit").path("graph_commit_id").asText();

        // the reviewer reads the branch's change before merging
        Resp changes = s.get("/graphs/knowledge/commits/" + commit + "/changes", bearer(RUTH));
        assertThat(changes.status()).as(changes.toString()).isEqualTo(200);
        assertThat(changes.json().path("cause").path("graph_commit_id").asText()).isEqualTo(commit);
        assertThat(changes.json().path("cause").path("actor_id").asText()).isEqualTo("agent-1");
        JsonNode change = changes.json().path("changes").get(0);
        assertThat(change.path("op").asText()).isEqualTo("insert");
        assertThat(change.path("kind").asText()).isEqualTo("node");
        assertThat(change.path("type").path("name").asText()).isEqualTo("Person");
        assertThat(change.path("id").asText()).isEqualTo("kit");
        assertThat(change.path("after").path("properties").path("name").asText()).isEqualTo("kit");

        // agents cannot merge into main; the reviewer can, and deletes the branch
        assertThat(s.post("/graphs/knowledge/branches/merge", "{\"source\":\"" + branch + "\"}", bearer(AGENT)).status())
                .isEqualTo(403);
        Resp merged = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"" + branch + "\",\"delete_branch\":true}",
                bearer(RUTH));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("outcome").asText()).isEqualTo("fast_forward");
        assertThat(merged.json().path("actor_id").asText()).isEqualTo("ruth");
        assertThat(merged.json().path("branch_deleted").asBoolean()).isTrue();
        JsonNode mainHead = s.get("/graphs/knowledge/commits/" + head("main"), bearer(RUTH)).json();
        assertThat(mainHead.path("actor_id").asText()).isEqualTo("ruth");
        assertThat(mainHead.path("merged_parent_commit_id").asText(mainHead.path("parent_commit_id").asText()))
                .isIn(commit, mainHead.path("parent_commit_id").asText());
        assertThat(s.post("/graphs/knowledge/export", "{\"type_names\":[\"Person\"]}", bearer(RUTH)).text())
                .contains("\"slug\":\"kit\"");
        assertThat(s.get("/graphs/knowledge/branches", bearer(RUTH)).json().path("branches").toString()).doesNotContain(branch);

        // merging again is already up to date
        assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"agent-1/again\"}", bearer(AGENT)).status()).isEqualTo(200);
        Resp again = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"agent-1/again\"}", bearer(RUTH));
        assertThat(again.json().path("outcome").asText()).isEqualTo("already_up_to_date");
    }

    @Test
    void divergentEditsMergeOrConflict() {
        String a = "agent-1/left";
        String b = "agent-1/right";
        for (String br : List.of(a, b)) {
            assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"" + br + "\"}", bearer(AGENT)).status()).isEqualTo(200);
        }
        assertThat(addPerson(a, "lefty", AGENT).status()).isEqualTo(200);
        assertThat(addPerson(b, "righty", AGENT).status()).isEqualTo(200);
        // merge b into a (agents may merge between their own unprotected branches? only reviewers/admins may merge)
        Resp m = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"" + b + "\",\"target\":\"" + a + "\"}",
                bearer(ANDREW));
        assertThat(m.status()).as(m.toString()).isEqualTo(200);
        assertThat(m.json().path("outcome").asText()).isEqualTo("merged");
        assertThat(m.json().has("branch_deleted")).isFalse();

        // the same id inserted differently on two branches is a conflict; nothing is published
        String c = "agent-1/c1";
        String d = "agent-1/c2";
        for (String br : List.of(c, d)) {
            assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"" + br + "\"}", bearer(AGENT)).status()).isEqualTo(200);
        }
        assertThat(s.post("/graphs/knowledge/queries/add_person", "{\"branch\":\"" + c + "\",\"params\":{\"slug\":\"twin\","
                + "\"name\":\"Twin A\",\"role\":\"agent\"}}", bearer(AGENT)).status()).isEqualTo(200);
        assertThat(s.post("/graphs/knowledge/queries/add_person", "{\"branch\":\"" + d + "\",\"params\":{\"slug\":\"twin\","
                + "\"name\":\"Twin B\",\"role\":\"agent\"}}", bearer(AGENT)).status()).isEqualTo(200);
        String before = head(d);
        Resp conflict = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"" + c + "\",\"target\":\"" + d + "\"}",
                bearer(ANDREW));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        JsonNode mc = conflict.json().path("merge_conflicts").get(0);
        assertThat(mc.path("kind").asText()).isEqualTo("divergent_insert");
        assertThat(mc.path("type_name").asText()).isEqualTo("Person");
        assertThat(mc.path("entity_id").asText()).isEqualTo("twin");
        assertThat(head(d)).isEqualTo(before);
        assertThat(s.post("/graphs/knowledge/branches/merge", "{\"source\":\"nope\"}", bearer(ANDREW)).status()).isEqualTo(404);
    }

    @Test
    void changeFeedAndBaseline() throws IOException {
        String branch = "agent-1/feed";
        assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"" + branch + "\"}", bearer(AGENT)).status()).isEqualTo(200);
        // a baseline of the branch: every entity as a load record, then the terminal record with the resume cursor
        Resp baseline = s.post("/graphs/knowledge/changes/baseline", "{\"branch\":\"" + branch + "\",\"kind\":[\"node\"]}",
                bearer(RUTH));
        assertThat(baseline.status()).as(baseline.toString()).isEqualTo(200);
        List<String> lines = baseline.text().lines().toList();
        JsonNode terminal = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(terminal.path("baseline").path("snapshot_commit_id").asText()).isEqualTo(head(branch));
        String cursor = terminal.path("baseline").path("resume_cursor").asText();
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("{\"type\":"));
        assertThat(lines.size() - 1).isGreaterThanOrEqualTo(15);

        // nothing new yet: caught up
        Resp idle = s.get("/graphs/knowledge/changes?branch=" + enc(branch) + "&cursor=" + enc(cursor) + "&kind=node",
                bearer(AGENT));
        assertThat(idle.status()).as(idle.toString()).isEqualTo(200);
        assertThat(idle.json().path("blocks")).isEmpty();
        assertThat(idle.json().path("caught_up").asBoolean()).isTrue();

        // two commits on the branch, then the feed from the cursor has them in order
        String c1 = addPerson(branch, "feed1", AGENT).json().path("commit").path("graph_commit_id").asText();
        String c2 = addPerson(branch, "feed2", AGENT).json().path("commit").path("graph_commit_id").asText();
        Resp feed = s.get("/graphs/knowledge/changes?branch=" + enc(branch) + "&cursor=" + enc(cursor) + "&kind=node",
                bearer(AGENT));
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        List<String> causes = new ArrayList<>();
        feed.json().path("blocks").forEach(bl -> causes.add(bl.path("cause").path("graph_commit_id").asText()));
        assertThat(causes).containsExactly(c1, c2);
        assertThat(feed.json().path("cursor").asText()).isNotEmpty();

        // a cursor is bound to its filters, positions must be valid, pages bounded
        assertThat(s.get("/graphs/knowledge/changes?branch=" + enc(branch) + "&cursor=" + enc(cursor), bearer(AGENT))
                .status()).isEqualTo(400);
        assertThat(s.get("/graphs/knowledge/changes?branch=" + enc(branch) + "&cursor=garbage", bearer(AGENT)).status())
                .isEqualTo(400);
        assertThat(s.get("/graphs/knowledge/changes?branch=main&cursor=" + enc(cursor), bearer(AGENT)).status())
                .isBetween(400, 499);
        assertThat(s.get("/graphs/knowledge/changes?branch=" + enc(branch) + "&limit=0", bearer(AGENT)).status())
                .isEqualTo(400);
        assertThat(s.get("/graphs/knowledge/changes?branch=" + enc(branch) + "&limit=100000", bearer(AGENT)).status())
                .isEqualTo(413);
        assertThat(s.post("/graphs/knowledge/changes/baseline", "{\"branch\":\"nope\"}", bearer(RUTH)).status()).isEqualTo(404);
        assertThat(s.post("/graphs/knowledge/changes/baseline", "{}", bearer(AGENT)).status()).isEqualTo(403);
    }

    @Test
    void genesisCommitChangesAreRefused() {
        List<String> ids = new ArrayList<>();
        s.get("/graphs/knowledge/commits", bearer(RUTH)).json().path("commits").forEach(c -> ids.add(c.path("graph_commit_id").asText()));
        String genesis = ids.get(ids.size() - 1);
        Resp r = s.get("/graphs/knowledge/commits/" + genesis + "/changes", bearer(RUTH));
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().path("change_diff_refusal").path("reason").asText()).isEqualTo("parentless_commit");
        assertThat(r.json().path("change_diff_refusal").path("graph_commit_id").asText()).isEqualTo(genesis);
        Resp paged = s.get("/graphs/knowledge/commits/" + ids.get(ids.size() - 2) + "/changes?limit=3", bearer(RUTH));
        assertThat(paged.status()).as(paged.toString()).isEqualTo(200);
        assertThat(paged.json().path("changes").size()).isEqualTo(3);
        String token = paged.json().path("next_page_token").asText();
        Resp next = s.get("/graphs/knowledge/commits/" + ids.get(ids.size() - 2) + "/changes?limit=3&page_token=" + enc(token),
                bearer(RUTH));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().path("changes").get(0).path("id").asText())
                .isNotEqualTo(paged.json().path("changes").get(0).path("id").asText());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
