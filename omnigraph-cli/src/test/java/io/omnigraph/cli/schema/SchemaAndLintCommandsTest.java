package io.omnigraph.cli.schema;

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

/** In-process tests of {@code schema check}, {@code schema plan} and {@code lint}. */
class SchemaAndLintCommandsTest {
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

    @Test
    void schemaCheckValidFile() throws IOException {
        Path pg = write("test.pg", Fixtures.text("engine/test.pg"));
        Result r = run("schema", "check", pg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok: ").contains("2 node types, 2 edge types, 0 interfaces")
                .contains("node Person (2 properties, @key(name))").contains("edge Knows: Person -> Person")
                .contains("schema digest sha256:");
        Result j = run("schema", "check", pg.toString(), "--json");
        assertThat(j.code()).isZero();
        assertThat(j.json().get("ok").asBoolean()).isTrue();
        assertThat(j.json().get("schema_digest").asText()).hasSize(64);
        assertThat(j.json().get("ir").get("next_identity_id").asInt()).isEqualTo(13);
    }

    @Test
    void schemaCheckInvalidFileRendersDiagnostics() throws IOException {
        Path pg = write("bad.pg", "node Person {\n  name: String @key\n  # age\n}\n");
        Result r = run("schema", "check", pg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.pg:3:3: parse error: expected").contains("^").contains("= hint: '#' is not a comment")
                .contains("error[schema_parse_error]");
        Result j = run("schema", "check", pg.toString(), "--json");
        assertThat(j.code()).isEqualTo(1);
        JsonNode d = j.json().get("diagnostics").get(0);
        assertThat(d.get("code").asText()).isEqualTo("syntax");
        assertThat(d.get("line").asInt()).isEqualTo(3);
        assertThat(d.get("column").asInt()).isEqualTo(3);
        Result catalog = run("schema", "check", write("cat.pg", "node P { n: String }  edge E: P -> Q").toString());
        assertThat(catalog.err()).contains("error[schema_catalog_error]");
    }

    @Test
    void missingFileIsAClearError() {
        Result r = run("schema", "check", dir.resolve("nope.pg").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error[schema_file_missing]: cannot read schema").contains("no such file");
    }

    @Test
    void schemaPlanOffline() throws IOException {
        String f1 = Fixtures.text("engine/test.pg");
        Path old = write("old.pg", f1);
        Path add = write("add.pg", f1.replace("age: I32?", "age: I32?\n    nickname: String?"));
        Result r = run("schema", "plan", "--from", old.toString(), "--to", add.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("add property 'Person.nickname' (String?) on node 'Person'");
        Result j = run("schema", "plan", "--from", old.toString(), "--schema", add.toString(), "--json");
        assertThat(j.json().get("supported").asBoolean()).isTrue();
        assertThat(j.json().get("steps").get(0).get("kind").asText()).isEqualTo("add_property");
        Path req = write("req.pg", f1.replace("age: I32?", "age: I32?\n    email: String"));
        Result u = run("schema", "plan", "--from", old.toString(), "--to", req.toString());
        assertThat(u.out()).contains("(UNSUPPORTED)").contains("[OG-MF-103, validated]").contains("apply would be refused: [OG-MF-103]");
        Path drop = write("drop.pg", f1.replace("age: I32?", ""));
        assertThat(run("schema", "plan", "--from", old.toString(), "--to", drop.toString(), "--allow-data-loss").out())
                .contains("drop property 'Person.age' from node 'Person' (hard mode)");
        assertThat(run("schema", "plan", "--from", old.toString(), "--to", old.toString()).out()).contains("no changes");
    }

    @Test
    void schemaPlanUsageErrors() throws IOException {
        Path old = write("old.pg", Fixtures.text("engine/test.pg"));
        assertThat(run("schema", "plan", "--to", old.toString()).code()).isEqualTo(2);
        Result graph = run("schema", "plan", dir.resolve("no-graph").toUri().toString(), "--schema", old.toString());
        assertThat(graph.code()).isEqualTo(1);
        assertThat(graph.err()).contains("error[format_unsupported]").contains("no OmniGraph graph at");
        Result bad = run("schema", "plan", "--from", old.toString(), "--to", write("b.pg", "node P { n: Strin }").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("b.pg:1:13: parse error");
    }

    @Test
    void lintAc22() throws IOException {
        Path pg = write("s.pg", "node Person { name: String @key  age: I32?  nick: String? }");
        Path gq = write("q.gq", "query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }\n"
                + "query nuke() { delete Person where name = \"x\" }\n");
        Result r = run("lint", "--query", gq.toString(), "--schema", pg.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo("ok");
        assertThat(j.get("warnings").asInt()).isEqualTo(2);
        assertThat(j.get("findings").get(0).get("code").asText()).isEqualTo("L201");
        Result human = run("lint", "--query", gq.toString(), "--schema", pg.toString());
        assertThat(human.out()).contains("ok      nuke (mutation)").contains("warning[L201]: Person.nick exists in schema");
    }

    @Test
    void lintFailsOnTypeAndSyntaxErrors() throws IOException {
        Path pg = write("test.pg", Fixtures.text("engine/test.pg"));
        Path typeErr = write("t.gq", "query q() { match { $p: Person  $p.age > \"x\" } return { $p.name } }");
        Result r = run("lint", "--query", typeErr.toString(), "--schema", pg.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("error   q (read)").contains("type error: T7").contains("^");
        Path syntax = write("s.gq", "query q( { }");
        Result s = run("lint", "--query", syntax.toString(), "--schema", pg.toString(), "--json");
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.json().get("findings").get(0).get("code").asText()).isEqualTo("Q000");
        Result ok = run("lint", "--query", write("ok.gq", Fixtures.text("engine/test.gq")).toString(), "--schema", pg.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(run("lint", "--query", typeErr.toString()).code()).isEqualTo(2);
    }

    @Test
    void helpIsAvailable() {
        assertThat(run("schema", "--help").out()).contains("check").contains("plan");
        assertThat(run("schema", "plan", "--help").out()).contains("--allow-data-loss").contains("--from");
        assertThat(run("lint", "--help").out()).contains("--query").contains("--schema").contains("--json");
    }
}
