package io.omnigraph.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In-process tests of {@code omnigraph query} against a local graph built with {@code init} and {@code load}. */
class QueryCommandTest {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    String graph;
    Path queries;
    Map<String, String> env;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return M.readTree(out);
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @BeforeEach
    void seed() throws IOException {
        env = Map.of("OMNIGRAPH_HOME", dir.resolve("home").toString());
        graph = dir.resolve("g.omni").toString();
        assertThat(run("init", "--schema", write("test.pg", Fixtures.text("engine/test.pg")).toString(), graph).code()).isZero();
        Result load = run("load", graph, "--data", write("seed.jsonl", Fixtures.text("engine/test.jsonl")).toString(),
                "--mode", "append");
        assertThat(load.code()).as(load.err()).isZero();
        queries = write("test.gq", Fixtures.text("engine/test.gq"));
    }

    @Test
    void namedQueryFromAFileInEveryFormat() throws IOException {
        Result table = run("query", "friends_of", "--query", queries.toString(), "--params", "{\"name\":\"Alice\"}", "--store", graph);
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).isEqualTo("""
                2 rows from branch main via friends_of
                f.name  | f.age
                --------+------
                Bob     | 25
                Charlie | 35
                """);
        Result json = run("query", "friends_of", graph, "--query", queries.toString(), "--params", "{\"name\":\"Alice\"}", "--json");
        assertThat(json.code()).isZero();
        JsonNode env = json.json();
        assertThat(env.get("query_name").asText()).isEqualTo("friends_of");
        assertThat(env.get("target").toString()).isEqualTo("{\"branch\":\"main\",\"snapshot\":null}");
        assertThat(env.get("row_count").asInt()).isEqualTo(2);
        assertThat(env.get("columns").toString()).isEqualTo("[\"f.name\",\"f.age\"]");
        assertThat(env.get("graph_commit_id").asText()).hasSize(26);
        Result csv = run("query", "total_people", "--query", queries.toString(), "--store", graph, "--format", "csv");
        assertThat(csv.out()).isEqualTo("total\n4\n");
        Result kv = run("query", "age_stats", "--query", queries.toString(), "--store", graph, "--format", "kv");
        assertThat(kv.out()).startsWith("2 rows from branch main via age_stats\nrow 1\nc.name: ").contains("\n\nrow 2\n")
                .contains("total_age: 30.0").contains("headcount: 1");
        Result jsonl = run("query", "adults", "--query", queries.toString(), "--store", graph, "--format", "jsonl");
        assertThat(jsonl.out()).isEqualTo("{\"kind\":\"metadata\",\"query_name\":\"adults\",\"target\":{\"branch\":\"main\","
                + "\"snapshot\":null},\"row_count\":1}\n{\"p.name\":\"Charlie\",\"p.age\":35}\n");
        Result both = run("query", "adults", "--query", queries.toString(), "--store", graph, "--format", "csv", "--json");
        assertThat(both.json().get("row_count").asInt()).isEqualTo(1);
    }

    @Test
    void inlineQueriesTimeTravelAndBranches() throws IOException {
        String before = run("query", graph, "-e", "query n() { match { $p: Person } return { count($p) as n } }", "--json")
                .json().get("graph_commit_id").asText();
        assertThat(run("mutate", "--store", graph, "-e", "query i() { insert Person { name: \"Eve\", age: 22 } }").code()).isZero();
        String q = "query n() { match { $p: Person } return { count($p) as n } }";
        assertThat(run("query", graph, "-e", q, "--format", "csv").out()).isEqualTo("n\n5\n");
        Result old = run("query", graph, "-e", q, "--snapshot", before, "--format", "csv");
        assertThat(old.out()).isEqualTo("n\n4\n");
        Result at = run("query", graph, "-e", q, "--at", before);
        assertThat(at.out()).startsWith("1 rows from snapshot " + before + " via n\n");
        assertThat(run("query", graph, "-e", q, "--at", before, "--json").json().get("target").toString())
                .isEqualTo("{\"branch\":null,\"snapshot\":\"" + before + "\"}");
        Result branch = run("branch", "create", "--uri", graph, "--from", "main", "feature");
        assertThat(branch.code()).as(branch.err()).isZero();
        assertThat(run("mutate", "--store", graph, "-e", "query d() { delete Person where name = \"Eve\" }", "--branch", "feature").code()).isZero();
        assertThat(run("query", graph, "-e", q, "--branch", "feature", "--format", "csv").out()).isEqualTo("n\n4\n");
        Result unknown = run("query", graph, "-e", q, "--snapshot", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("error[not_found]").contains("commit '01ARZ3NDEKTSV4RRFFQ69G5FAV' not found");
    }

    @Test
    void errorsNameTheProblem() throws IOException {
        Result unknown = run("query", "frends_of", "--query", queries.toString(), "--store", graph);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("error[unknown_query]").contains("query 'frends_of' not found")
                .contains("available: get_person, adults, friends_of");
        Result param = run("query", "friends_of", "--query", queries.toString(), "--store", graph, "--params", "{\"name\":1}");
        assertThat(param.err()).contains("error[invalid_input]: param 'name': expected String, got 1");
        Result badJson = run("query", "friends_of", "--query", queries.toString(), "--store", graph, "--params", "{nope");
        assertThat(badJson.err()).contains("error[invalid_params]").contains("--params is not valid JSON");
        Result type = run("query", graph, "-e", "query q() { match { $p: Persn } return { $p } }");
        assertThat(type.code()).as(type.err()).isEqualTo(1);
        assertThat(type.err()).contains("T1").contains("^").contains("Persn");
        Result noSource = run("query", "friends_of", "--store", graph);
        assertThat(noSource.code()).isEqualTo(2);
        assertThat(noSource.err()).contains("by-name invocation needs a server");
        Result as = run("query", graph, "-e", "query q() { match { $p: Person } return { $p } }", "--as", "alice");
        assertThat(as.code()).isEqualTo(2);
        Result format = run("query", graph, "-e", "query q() { match { $p: Person } return { $p } }", "--format", "xml");
        assertThat(format.err()).contains("--format xml is not one of");
        Result search = run("query", graph, "-e", "query q() { match { $p: Person  search($p.name, \"alice\") } return { $p.name } }");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(search.out()).contains("Alice");
        Result fuzzy = run("query", graph, "-e", "query q() { match { $p: Person  fuzzy($p.name, \"a\", 99) } return { $p } }");
        assertThat(fuzzy.code()).isNotZero();
        assertThat(fuzzy.err()).startsWith("error[invalid_input]").contains("max_edits");
        Result both = run("query", graph, "-e", "query q() { match { $p: Person } return { $p } }", "--branch", "main",
                "--snapshot", "x");
        assertThat(both.code()).isEqualTo(2);
    }

    @Test
    void defaultOutputFromTheOperatorConfig() throws IOException {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/config.yaml"), "defaults:\n  output: csv\n");
        assertThat(run("query", "total_people", "--query", queries.toString(), "--store", graph).out()).isEqualTo("total\n4\n");
        assertThat(run("query", "total_people", "--query", queries.toString(), "--store", graph, "--format", "table").out())
                .startsWith("1 rows from branch main");
        Files.writeString(dir.resolve("home/config.yaml"), "defaults:\n  output: xml\n");
        assertThat(run("query", "total_people", "--query", queries.toString(), "--store", graph).err())
                .contains("error[operator_config_invalid]").contains("defaults.output");
    }
}
