package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /graphs/{id}/branches/{branch}/diff} (the review console's branch comparison) and the console-facing
 * additions to {@code GET /admin/status} and to compile-error bodies, on the company-brain demo cluster over the
 * real engine. Every response is validated against openapi.json.
 */
class BranchDiffRoutesTest {
    @TempDir
    static Path tmp;
    static Served s;
    static final String ANDREW = "t-andrew";
    static final String RUTH = "t-ruth";
    static final String AGENT = "t-agent1";
    static final String OUTSIDER = "t-outsider";

    @BeforeAll
    static void serve() {
        ClusterFixture f = ClusterFixture.companyBrain(tmp.resolve("company-brain"));
        f.write("base.policy.yaml", f.read("base.policy.yaml").replace("branch_delete, branch_merge]",
                "branch_delete, branch_merge, admin]"));
        f.converge();
        f.load("knowledge", f.read("seed.jsonl"));
        s = f.serve(false, Map.of("andrew", ANDREW, "ruth", RUTH, "agent-1", AGENT, "outsider", OUTSIDER));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    static Resp invoke(String query, String branch, String params, String token) {
        Resp r = s.post("/graphs/knowledge/queries/" + query, "{\"branch\":\"" + branch + "\",\"params\":" + params + "}",
                bearer(token));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    static Resp diff(String branch, String query, String token) {
        return s.get("/graphs/knowledge/branches/" + branch.replace("/", "%2F") + "/diff" + query, bearer(token));
    }

    static List<String> ops(JsonNode changes) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.add(c.path("op").asText() + " " + c.path("type").path("name").asText() + " "
                + c.path("id").asText()));
        return out;
    }

    @Test
    void aheadBehindAndPropertyLevelChangesUntilMerged() {
        String branch = "agent-1/review";
        assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"" + branch + "\"}", bearer(AGENT)).status()).isEqualTo(200);
        Resp fresh = diff(branch, "", RUTH);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(fresh.json().path("ahead").asLong()).isZero();
        assertThat(fresh.json().path("behind").asLong()).isZero();
        assertThat(fresh.json().path("changes")).isEmpty();
        assertThat(fresh.json().path("merge_base_commit_id").asText()).isEqualTo(fresh.json().path("source_commit_id").asText());

        invoke("add_person", branch, "{\"slug\":\"zoe\",\"name\":\"Zoe\",\"role\":\"engineer\"}", AGENT);
        invoke("set_status", branch, "{\"project\":\"lantern\",\"status\":\"active\"}", AGENT);
        // main moves on independently: the branch is now behind by one
        s.post("/graphs/knowledge/branches", "{\"name\":\"side\"}", bearer(ANDREW));
        invoke("add_person", "main", "{\"slug\":\"ann\",\"name\":\"Ann\",\"role\":\"designer\"}", ANDREW);

        Resp d = diff(branch, "", RUTH);
        assertThat(d.status()).as(d.toString()).isEqualTo(200);
        JsonNode body = d.json();
        assertThat(body.path("source").asText()).isEqualTo(branch);
        assertThat(body.path("target").asText()).isEqualTo("main");
        assertThat(body.path("ahead").asLong()).isEqualTo(2);
        assertThat(body.path("behind").asLong()).isEqualTo(1);
        assertThat(body.path("truncated").asBoolean()).isFalse();
        // only what the branch did since the merge base: not main's own change (ann)
        assertThat(ops(body.path("changes"))).containsExactlyInAnyOrder("insert Person zoe", "update Project lantern");
        for (JsonNode c : body.path("changes")) {
            if (c.path("op").asText().equals("update")) {
                assertThat(c.path("before").path("properties").path("status").asText()).isEqualTo("proposed");
                assertThat(c.path("after").path("properties").path("status").asText()).isEqualTo("active");
            } else {
                assertThat(c.has("before")).isFalse();
                assertThat(c.path("after").path("properties").path("name").asText()).isEqualTo("Zoe");
            }
        }

        // counts only; a limit truncates the list
        Resp counts = diff(branch, "?changes=false", RUTH);
        assertThat(counts.json().path("changes")).isEmpty();
        assertThat(counts.json().path("ahead").asLong()).isEqualTo(2);
        Resp limited = diff(branch, "?limit=1", RUTH);
        assertThat(limited.json().path("changes")).hasSize(1);
        assertThat(limited.json().path("truncated").asBoolean()).isTrue();
        // the other direction: main against the branch
        Resp reverse = diff("main", "?target=" + branch.replace("/", "%2F"), RUTH);
        assertThat(reverse.json().path("ahead").asLong()).isEqualTo(1);
        assertThat(reverse.json().path("behind").asLong()).isEqualTo(2);
        assertThat(ops(reverse.json().path("changes"))).containsExactly("insert Person ann");

        // a three-way merge: afterwards the branch is not ahead any more, main is ahead by the merge commit
        Resp merged = s.post("/graphs/knowledge/branches/merge", "{\"source\":\"" + branch + "\"}", bearer(RUTH));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("outcome").asText()).isEqualTo("merged");
        Resp after = diff(branch, "", RUTH);
        assertThat(after.json().path("ahead").asLong()).isZero();
        assertThat(after.json().path("behind").asLong()).isEqualTo(2);
        assertThat(after.json().path("changes")).isEmpty();
    }

    @Test
    void refusalsAreClear() {
        assertThat(diff("ghost", "", RUTH).status()).isEqualTo(404);
        assertThat(diff("ghost", "", RUTH).error()).contains("ghost");
        assertThat(diff("main", "?target=ghost", RUTH).status()).isEqualTo(404);
        Resp badFlag = diff("main", "?changes=maybe", RUTH);
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.error()).contains("'changes'").contains("true or false");
        assertThat(diff("main", "?limit=5000", RUTH).error()).contains("at most 1000");
        assertThat(diff("main", "?limit=-1", RUTH).status()).isEqualTo(400);
        assertThat(diff("main", "", OUTSIDER).status()).isEqualTo(403);
        assertThat(s.get("/graphs/knowledge/branches/main/diff").status()).isEqualTo(401);
    }

    @Test
    void statusListsPolicyBindings() {
        Resp st = s.get("/admin/status", bearer(ANDREW));
        assertThat(st.status()).as(st.toString()).isEqualTo(200);
        assertThat(st.json().path("auth_mode").asText()).isEqualTo("policy_enabled");
        JsonNode bindings = st.json().path("policy_bindings");
        assertThat(bindings).hasSize(2);
        assertThat(bindings.get(0).path("scope").asText()).isEqualTo("cluster");
        assertThat(bindings.get(0).path("bundle").asText()).isEqualTo("server");
        assertThat(bindings.get(1).path("scope").asText()).isEqualTo("graph");
        assertThat(bindings.get(1).path("graph_id").asText()).isEqualTo("knowledge");
        assertThat(bindings.get(1).path("bundle").asText()).isEqualTo("base");
        assertThat(bindings.get(1).path("digest").asText()).isNotEmpty();
        assertThat(s.get("/admin/status", bearer(RUTH)).status()).isEqualTo(403);
    }

    @Test
    void compileErrorsNameTheirPlace() {
        Resp r = s.post("/graphs/knowledge/query", "{\"query\":\"query broken() {\\n    match { $p: Alien }\\n"
                + "    return { $p.name }\\n}\\n\"}", bearer(RUTH));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).startsWith("<request>:2:17: type error: T1: unknown node type 'Alien'").contains("hint:");
    }
}
