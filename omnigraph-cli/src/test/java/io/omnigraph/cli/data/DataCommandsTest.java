package io.omnigraph.cli.data;

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

import static org.assertj.core.api.Assertions.assertThat;

/** In-process tests of the data-plane commands against a local graph. */
class DataCommandsTest {
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

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    String initSeeded() throws IOException {
        String g = dir.resolve("g.omni").toString();
        Result init = run("init", "--schema", write("test.pg", Fixtures.text("engine/test.pg")).toString(), g);
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out().trim()).isEqualTo("initialized " + g);
        Result load = run("load", g, "--data", write("seed.jsonl", Fixtures.text("engine/test.jsonl")).toString(),
                "--mode", "append", "--json");
        assertThat(load.code()).as(load.err()).isZero();
        return g;
    }

    @Test
    void initLoadSnapshotCommitsExport() throws IOException {
        String g = initSeeded();
        Result again = run("init", "--schema", dir.resolve("test.pg").toString(), g);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("error[graph_exists]");

        Result snap = run("snapshot", g, "--json");
        assertThat(snap.code()).as(snap.err()).isZero();
        assertThat(snap.json().get("graph_manifest_version").asLong()).isEqualTo(2);
        assertThat(snap.json().get("datasets").findValuesAsText("type_name")).containsExactly("Company", "Person", "Knows", "WorksAt");
        assertThat(run("snapshot", "--store", g).out()).contains("Person").contains("4 entities");

        Result list = run("commit", "list", g, "--json");
        assertThat(list.json().get("commits")).hasSize(2);
        String head = list.json().get("commits").get(0).get("graph_commit_id").asText();
        assertThat(list.json().get("commits").get(1).hasNonNull("parent_commit_id")).isFalse();
        Result show = run("commit", "show", "--store", g, head, "--json");
        assertThat(show.json().get("graph_manifest_version").asLong()).isEqualTo(2);
        assertThat(show.json().get("graph_branch").asText()).isEqualTo("main");

        Result export = run("export", g);
        assertThat(export.code()).as(export.err()).isZero();
        String[] lines = export.out().split("\n");
        assertThat(lines).hasSize(11);
        assertThat(M.readTree(lines[0]).get("data").get("id").asText()).isEqualTo("Acme");
        assertThat(export.out()).contains("{\"type\":\"Person\",\"data\":{\"id\":\"Alice\",\"age\":30,\"name\":\"Alice\"}}");
        assertThat(run("export", g, "--type", "Knows").out().split("\n")).hasSize(3);

        // round trip: export → load --mode overwrite into a fresh graph gives the same export
        String g2 = dir.resolve("copy.omni").toString();
        assertThat(run("init", "--schema", dir.resolve("test.pg").toString(), g2).code()).isZero();
        Result reload = run("load", g2, "--data", write("export.jsonl", export.out()).toString(), "--mode", "overwrite");
        assertThat(reload.code()).as(reload.err()).isZero();
        assertThat(reload.err()).contains("omnigraph load → " + g2 + " (direct, local)");
        assertThat(run("export", g2).out()).isEqualTo(export.out());
    }

    @Test
    void mutateWithParamsIfCommitAndJson() throws IOException {
        String g = initSeeded();
        Path gq = write("m.gq", """
                query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }
                query add($name: String) { insert Person { name: $name } }
                """);
        Result r = run("mutate", "set_age", "--query", gq.toString(), "--params", "{\"name\":\"Alice\",\"age\":31}",
                "--store", g, "--json", "--as", "act-alice");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("affected_nodes").asLong()).isEqualTo(1);
        assertThat(r.json().get("actor_id").asText()).isEqualTo("act-alice");
        assertThat(r.json().get("commit").get("graph_manifest_version").asLong()).isEqualTo(3);
        String h3 = r.json().get("commit").get("graph_commit_id").asText();

        Result ambiguous = run("mutate", "--query", gq.toString(), "--store", g);
        assertThat(ambiguous.code()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("declares 2 queries (set_age, add); name the one to run");

        Result none = run("mutate", "set_age", "--query", gq.toString(), "--params", "{\"name\":\"Nobody\",\"age\":1}", "--store", g);
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("no commit");

        assertThat(run("mutate", "-e", "query q() { insert Person { name: \"Eve\" } }", "--store", g).code()).isZero();
        Result lost = run("mutate", "set_age", "--query", gq.toString(), "--params", "{\"name\":\"Bob\",\"age\":1}",
                "--store", g, "--if-commit", h3, "--json");
        assertThat(lost.code()).isEqualTo(4);
        assertThat(lost.json().get("precondition_failure").get("expected").asText()).isEqualTo(h3);

        Result typeError = run("mutate", "-e", "query q() { insert Person { age: 3 } }", "--store", g);
        assertThat(typeError.code()).isEqualTo(1);
        assertThat(typeError.err()).contains("T12");

        Result both = run("mutate", "-e", "query q() { insert Person { name: \"X\" } }", "--uri", g, "--store", g);
        assertThat(both.code()).isEqualTo(2);
    }

    @Test
    void branchesAndSchema() throws IOException {
        String g = initSeeded();
        Result create = run("branch", "create", "--store", g, "--from", "main", "feature", "--json");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(create.err()).contains("omnigraph branch create → ");
        assertThat(run("branch", "list", g, "--json").json().get("branches")).extracting(JsonNode::asText)
                .containsExactly("feature", "main");
        Result delMain = run("branch", "delete", "--store", g, "main");
        assertThat(delMain.code()).isEqualTo(1);
        assertThat(delMain.err()).contains("main");

        Path v2 = write("v2.pg", Fixtures.text("engine/test.pg").replace("age: I32?", "age: I32?\n    nickname: String?"));
        Result plan = run("schema", "plan", g, "--schema", v2.toString(), "--json");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.json().get("steps").get(0).get("kind").asText()).isEqualTo("add_property");
        assertThat(plan.json().get("applicable").asBoolean()).isFalse();
        Result blocked = run("schema", "apply", g, "--schema", v2.toString());
        assertThat(blocked.code()).isEqualTo(1);
        assertThat(blocked.err()).contains("schema_apply_blocked").contains("feature");
        assertThat(run("branch", "delete", "--store", g, "feature", "--quiet").code()).isZero();
        Result apply = run("schema", "apply", g, "--schema", v2.toString(), "--json");
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.json().get("applied").asBoolean()).isTrue();
        assertThat(run("schema", "show", g).out()).contains("nickname: String?");
        assertThat(run("schema", "apply", g, "--schema", v2.toString()).out()).contains("not applied");

        Path bad = write("bad.pg", Fixtures.text("engine/test.pg").replace("age: I32?", "age: I32?\n    email: String"));
        Result unsupported = run("schema", "apply", g, "--schema", bad.toString());
        assertThat(unsupported.code()).isEqualTo(1);
        assertThat(unsupported.err()).contains("[OG-MF-103]");
    }

    @Test
    void initRefusesClusterManagedPathsAndLoadErrorsNameTheLine() throws IOException {
        Path root = dir.resolve("cluster");
        Files.createDirectories(root.resolve("__cluster"));
        Files.writeString(root.resolve("__cluster/state.json"), "{}");
        Path pg = write("test.pg", Fixtures.text("engine/test.pg"));
        Result r = run("init", "--schema", pg.toString(), root.resolve("graphs/sneaky.omni").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("is inside cluster").contains("cluster apply");
        assertThat(root.resolve("graphs")).doesNotExist();

        String g = dir.resolve("g.omni").toString();
        assertThat(run("init", "--schema", pg.toString(), g).code()).isZero();
        Path badData = write("bad.jsonl", "{\"type\":\"Person\",\"data\":{\"name\":\"A\"}}\n\n{\"type\":\"Person\",\"data\":{\"name\":\"B\",\"age\":\"30\"}}\n");
        Result bad = run("load", g, "--data", badData.toString(), "--mode", "merge");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("error[invalid_input]: line 3: strict property 'age' expects Int32, got \"30\"");
        assertThat(run("commit", "list", g, "--json").json().get("commits")).hasSize(1);
        Result noMode = run("load", g, "--data", badData.toString());
        assertThat(noMode.code()).isEqualTo(2);
    }
}
