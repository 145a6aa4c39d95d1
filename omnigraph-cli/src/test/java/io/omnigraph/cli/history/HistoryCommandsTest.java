package io.omnigraph.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In-process tests of {@code branch merge}, {@code commit changes} and {@code changes poll|baseline}. */
class HistoryCommandsTest {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return M.readTree(out);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result ok(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    String seeded() throws IOException {
        String g = dir.resolve("g.omni").toString();
        Path pg = dir.resolve("test.pg");
        Files.writeString(pg, Fixtures.text("engine/test.pg"));
        Path data = dir.resolve("seed.jsonl");
        Files.writeString(data, Fixtures.text("engine/test.jsonl"));
        ok("init", "--schema", pg.toString(), g);
        ok("load", g, "--data", data.toString(), "--mode", "append");
        return g;
    }

    static String mutate(String g, String branch, String gq) throws IOException {
        Result r = ok("mutate", "--store", g, "--branch", branch, "-e", gq, "--json");
        return r.json().at("/commit/graph_commit_id").asText();
    }

    @Test
    void mergeOutcomesJsonActorAndDeleteBranch() throws IOException {
        String g = seeded();
        ok("branch", "create", "--store", g, "feature");
        mutate(g, "feature", "query q() { update Person set { age: 31 } where name = \"Alice\" }");
        assertThat(ok("branch", "merge", "--store", g, "main", "--into", "feature", "--json").json().get("outcome").asText())
                .isEqualTo("already_up_to_date");

        Result ff = ok("branch", "merge", "--store", g, "feature", "--as", "ruth", "--json");
        JsonNode j = ff.json();
        assertThat(j.get("source").asText()).isEqualTo("feature");
        assertThat(j.get("target").asText()).isEqualTo("main");
        assertThat(j.get("outcome").asText()).isEqualTo("fast_forward");
        assertThat(j.get("actor_id").asText()).isEqualTo("ruth");
        assertThat(j.has("branch_deleted")).isFalse();
        assertThat(ff.err()).contains("omnigraph branch merge → " + g + " (direct, local)");
        JsonNode head = ok("commit", "list", g, "--json").json().get("commits").get(0);
        assertThat(head.get("graph_commit_id").asText()).isEqualTo(j.get("graph_commit_id").asText());
        assertThat(head.get("merged_parent_commit_id").isNull()).isFalse();
        assertThat(head.get("actor_id").asText()).isEqualTo("ruth");
        assertThat(ok("commit", "list", g).out()).contains(", merged ");

        Result again = ok("branch", "merge", "--store", g, "feature", "--delete-branch");
        assertThat(again.out()).contains("already up to date").contains("deleted branch feature");
        assertThat(ok("branch", "list", g, "--json").json().get("branches")).hasSize(1);

        // a refused deletion is a warning; the merge stands
        ok("branch", "create", "--store", g, "side");
        Result refused = ok("branch", "merge", "--store", g, "main", "--into", "side", "--delete-branch", "--json");
        assertThat(refused.json().get("branch_deleted").asBoolean()).isFalse();
        assertThat(refused.json().get("branch_delete_error").asText()).contains("main");
        assertThat(refused.err()).contains("warning: merged, but could not delete branch 'main'");
    }

    @Test
    void conflictsExitOneWithTheStructuredList() throws IOException {
        String g = seeded();
        ok("branch", "create", "--store", g, "feature");
        mutate(g, "feature", "query q() { update Person set { age: 31 } where name = \"Alice\" }");
        mutate(g, "main", "query q() { update Person set { age: 32 } where name = \"Alice\" }");
        String before = ok("commit", "list", g, "--json").json().at("/commits/0/graph_commit_id").asText();

        Result json = run("branch", "merge", "--store", g, "feature", "--json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode c = json.json().get("merge_conflicts").get(0);
        assertThat(c.get("kind").asText()).isEqualTo("divergent_update");
        assertThat(c.get("entity_kind").asText()).isEqualTo("node");
        assertThat(c.get("type_name").asText()).isEqualTo("Person");
        assertThat(c.get("entity_id").asText()).isEqualTo("Alice");
        assertThat(c.at("/properties/0/property").asText()).isEqualTo("age");
        assertThat(c.at("/properties/0/source").asInt()).isEqualTo(31);
        assertThat(c.at("/properties/0/target").asInt()).isEqualTo(32);
        assertThat(json.json().get("code").asText()).isEqualTo("merge_conflicts");
        assertThat(json.err()).contains("error[merge_conflicts]");

        Result human = run("branch", "merge", "--store", g, "feature");
        assertThat(human.code()).isEqualTo(1);
        assertThat(human.err()).contains("divergent_update  node Person 'Alice'").contains("nothing was published");
        assertThat(ok("commit", "list", g, "--json").json().at("/commits/0/graph_commit_id").asText()).isEqualTo(before);
    }

    @Test
    void commitChangesImagesFiltersPagingAndRefusals() throws IOException {
        String g = seeded();
        mutate(g, "main", "query q() { insert Person { name: \"Eve\", age: 22 } }");
        String c3 = mutate(g, "main", "query q() { update Person set { age: 50 } where name = \"Eve\" }");
        JsonNode page = ok("commit", "changes", "--store", g, c3, "--json").json();
        assertThat(page.at("/cause/graph_commit_id").asText()).isEqualTo(c3);
        assertThat(page.get("changes")).hasSize(1);
        assertThat(page.at("/changes/0/op").asText()).isEqualTo("update");
        assertThat(page.at("/changes/0/before/properties/age").asInt()).isEqualTo(22);
        assertThat(page.at("/changes/0/after/properties/age").asInt()).isEqualTo(50);
        assertThat(page.at("/changes/0/type/name").asText()).isEqualTo("Person");
        assertThat(ok("commit", "changes", "--store", g, c3).out()).contains("~ node Person Eve  age: 22 → 50");

        List<JsonNode> commits = List.copyOf(M.readTree(ok("commit", "list", g, "--json").out()).findValues("graph_commit_id"));
        String load = commits.get(commits.size() - 2).asText();
        String genesis = commits.get(commits.size() - 1).asText();
        JsonNode p1 = ok("commit", "changes", "--store", g, load, "--limit", "4", "--json").json();
        assertThat(p1.get("changes")).hasSize(4);
        String token = p1.get("next_page_token").asText();
        JsonNode p2 = ok("commit", "changes", "--store", g, load, "--limit", "4", "--page-token", token, "--json").json();
        assertThat(p2.at("/changes/0/id").asText()).isNotEqualTo(p1.at("/changes/3/id").asText());
        assertThat(ok("commit", "changes", "--store", g, load, "--kind", "edge", "--json").json().get("changes")).hasSize(5);
        assertThat(ok("commit", "changes", "--store", g, load, "--type", "Company", "--json").json().get("changes")).hasSize(2);

        Result refused = run("commit", "changes", "--store", g, genesis, "--json");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.json().at("/change_diff_refusal/reason").asText()).isEqualTo("parentless_commit");
        assertThat(refused.err()).contains("error[change_diff_refusal]");
        Result tooMany = run("commit", "changes", "--store", g, c3, "--limit", "9000", "--json");
        assertThat(tooMany.code()).isEqualTo(1);
        assertThat(tooMany.json().at("/resource_limit/limit").asInt()).isEqualTo(8192);
        Result badKind = run("commit", "changes", "--store", g, c3, "--kind", "vertex");
        assertThat(badKind.code()).isEqualTo(1);
        assertThat(badKind.err()).contains("node or edge");
    }

    @Test
    void changeFeedPollCursorBaselineAndBranchDeleteWarning() throws IOException {
        String g = seeded();
        JsonNode first = ok("changes", "poll", "--store", g, "--start", "beginning", "--json").json();
        assertThat(first.get("blocks")).hasSize(1);
        assertThat(first.get("caught_up").asBoolean()).isTrue();
        String cursor = first.get("cursor").asText();
        String m1 = mutate(g, "main", "query q() { insert Person { name: \"Eve\", age: 22 } }");
        String m2 = mutate(g, "main", "query q() { insert Person { name: \"Fay\", age: 23 } }");
        JsonNode next = ok("changes", "poll", "--store", g, "--cursor", cursor, "--json").json();
        assertThat(next.findValuesAsText("graph_commit_id")).containsExactly(m1, m2);
        JsonNode idle = ok("changes", "poll", "--store", g, "--cursor", next.get("cursor").asText(), "--json").json();
        assertThat(idle.get("blocks")).isEmpty();
        assertThat(idle.get("caught_up").asBoolean()).isTrue();
        assertThat(ok("changes", "poll", "--store", g, "--cursor", cursor).out()).contains("+ node Person Eve").contains("cursor: ");

        ok("branch", "create", "--store", g, "other");
        Result wrongBranch = run("changes", "poll", "--store", g, "--branch", "other", "--cursor", cursor);
        assertThat(wrongBranch.code()).isEqualTo(1);
        assertThat(wrongBranch.err()).contains("error[change_cursor_rejected]: change cursor rejected:");
        Result both = run("changes", "poll", "--store", g, "--cursor", cursor, "--start", "now");
        assertThat(both.code()).isEqualTo(2);

        Path snap = dir.resolve("snap.jsonl");
        JsonNode b = ok("changes", "baseline", "--store", g, "--out", snap.toString(), "--json").json();
        List<String> lines = Files.readAllLines(snap);
        assertThat(lines).hasSize(14); // 8 nodes + 5 edges + the baseline record
        JsonNode last = M.readTree(lines.get(lines.size() - 1));
        assertThat(last.at("/baseline/resume_cursor").asText()).isEqualTo(b.get("resume_cursor").asText());
        assertThat(last.at("/baseline/snapshot_commit_id").asText()).isEqualTo(m2);
        assertThat(M.readTree(lines.get(0)).has("type")).isTrue();
        String m3 = mutate(g, "main", "query q() { insert Person { name: \"Gus\" } }");
        assertThat(ok("changes", "poll", "--store", g, "--cursor", b.get("resume_cursor").asText(), "--json").json()
                .findValuesAsText("graph_commit_id")).containsExactly(m3);
        Result noDir = run("changes", "baseline", "--store", g, "--out", dir.resolve("missing/snap.jsonl").toString());
        assertThat(noDir.code()).isEqualTo(1);
        assertThat(noDir.err()).contains("does not exist");

        mutate(g, "other", "query q() { insert Person { name: \"Only\" } }");
        Result del = ok("branch", "delete", "--store", g, "other");
        assertThat(del.err()).contains("warning: branch 'other' had 1 commit that no other branch contains");
        ok("branch", "create", "--store", g, "empty");
        assertThat(ok("branch", "delete", "--store", g, "empty").err()).doesNotContain("warning");
    }
}
