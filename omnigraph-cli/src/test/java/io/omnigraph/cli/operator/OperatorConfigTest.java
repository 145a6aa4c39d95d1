package io.omnigraph.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.remote.Credentials;
import io.omnigraph.cli.remote.Endpoints;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator config (spec §7) and its precedence rules: flag > environment > file. */
class OperatorConfigTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    Path home;
    String graph;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return M.readTree(out);
        }
    }

    Result run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> e = new HashMap<>();
        e.put("OMNIGRAPH_HOME", home.toString());
        e.putAll(env);
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), e);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result run(String... args) {
        return run(Map.of(), "", args);
    }

    @BeforeEach
    void graph() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        Path pg = Files.writeString(tmp.resolve("test.pg"), Fixtures.text("engine/test.pg"));
        Path seed = Files.writeString(tmp.resolve("seed.jsonl"), Fixtures.text("engine/test.jsonl"));
        graph = tmp.resolve("g.omni").toString();
        assertThat(run("init", "--schema", pg.toString(), graph).code()).isZero();
        assertThat(run("load", graph, "--data", seed.toString(), "--mode", "append").code()).isZero();
        Files.createDirectories(tmp.resolve("other"));
    }

    void config(String yaml) throws IOException {
        Files.writeString(home.resolve("config.yaml"), yaml);
    }

    @Test
    void actorFlagBeatsOperatorActor() throws IOException {
        config("operator:\n  actor: act-file\n");
        Result fromFile = run("branch", "create", "b1", "--store", graph, "--json", "--quiet");
        assertThat(fromFile.json().path("actor_id").asText()).isEqualTo("act-file");
        Result fromFlag = run("branch", "create", "b2", "--store", graph, "--json", "--as", "act-flag");
        assertThat(fromFlag.json().path("actor_id").asText()).isEqualTo("act-flag");
        assertThat(fromFlag.err()).contains("omnigraph branch create → " + graph + " (direct, local)");
        assertThat(fromFile.err()).doesNotContain("omnigraph branch create");
    }

    @Test
    void profileFlagBeatsEnvironmentBeatsDefaults() throws IOException {
        String other = tmp.resolve("missing.omni").toString();
        config("""
                defaults:
                  store: %s
                profiles:
                  good: { store: %s }
                  bad:  { store: %s }
                  broken: { store: x, server: y }
                """.formatted(other, graph, other));
        // file defaults only: the missing graph
        assertThat(run("snapshot").code()).isEqualTo(1);
        // env beats the file's defaults
        assertThat(run(Map.of("OMNIGRAPH_PROFILE", "good"), "", "snapshot").code()).isZero();
        // the flag beats the env
        assertThat(run(Map.of("OMNIGRAPH_PROFILE", "good"), "", "snapshot", "--profile", "bad").code()).isEqualTo(1);
        assertThat(run(Map.of("OMNIGRAPH_PROFILE", "bad"), "", "snapshot", "--profile", "good").code()).isZero();
        // an explicit store beats every profile
        assertThat(run(Map.of("OMNIGRAPH_PROFILE", "bad"), "", "snapshot", "--store", graph).code()).isZero();
        Result unknown = run("snapshot", "--profile", "godo");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown profile 'godo'");
        Result broken = run("snapshot", "--profile", "broken");
        assertThat(broken.err()).contains("must bind exactly one of server, cluster or store (found 2)");

        Result list = run(Map.of("OMNIGRAPH_PROFILE", "good"), "", "profile", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode profiles = list.json().path("profiles");
        assertThat(profiles).hasSize(3);
        assertThat(profiles.get(0).path("active").asBoolean()).isTrue();
        assertThat(profiles.get(2).path("valid").asBoolean()).isFalse();
        Result show = run("profile", "show", "--json");
        assertThat(show.json().path("name").asText()).isEqualTo("(defaults)");
        assertThat(show.json().path("scope_kind").asText()).isEqualTo("store");
        assertThat(run("profile", "show", "good", "--json").json().path("endpoint").asText()).isEqualTo(graph);
    }

    @Test
    void outputFormatFlagBeatsDefaultsOutput() throws IOException {
        config("defaults:\n  output: csv\n");
        String q = "query q() { match { $p: Person } return { $p.name } order { $p.name asc } }";
        Result csv = run("query", "-e", q, "--store", graph);
        assertThat(csv.out()).startsWith("p.name\n");
        Result table = run("query", "-e", q, "--store", graph, "--format", "table");
        assertThat(table.out()).contains(" rows from branch main via q");
        Result json = run("query", "-e", q, "--store", graph, "--format", "kv", "--json");
        assertThat(json.json().path("query_name").asText()).isEqualTo("q");
    }

    @Test
    void unknownKeysWarnAndMalformedYamlFails() throws IOException {
        config("operator:\n  actor: a\n  colour: blue\nservers:\n  prod: { url: https://x.example, tokn: y }\nfancy: 1\n");
        Result r = run("snapshot", "--store", graph);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty(); // --store needs no config layer
        Result p = run("profile", "list");
        assertThat(p.err()).contains("unknown key `operator.colour` (newer CLI feature or typo); ignored")
                .contains("unknown key `servers.prod.tokn`").contains("unknown key `fancy`");
        config("operator: [unclosed\n");
        Result bad = run("profile", "list");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("error[operator_config_invalid]");
    }

    @Test
    void tokenChainKeyedEnvBeatsCredentialsBeatsGenericEnv() throws IOException {
        config("servers:\n  prod-eu: { url: https://graph.example.com/ }\n  other: { url: https://graph.example.com/team }\n");
        OperatorConfig c = OperatorConfig.load(Map.of("OMNIGRAPH_HOME", home.toString()));
        Map<String, String> env = new HashMap<>();
        env.put("OMNIGRAPH_BEARER_TOKEN", "generic");
        String url = "https://graph.example.com/graphs/knowledge";
        assertThat(Endpoints.token(c, env, url)).contains("generic");
        Result login = run(Map.of(), "secret-file\n", "login", "prod-eu");
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.out()).contains("stored credential for 'prod-eu' in ").doesNotContain("secret-file");
        Path creds = home.resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds))).isEqualTo("rw-------");
        assertThat(Endpoints.token(c, env, url)).contains("secret-file");
        env.put("OMNIGRAPH_TOKEN_PROD_EU", "secret-env");
        assertThat(Endpoints.token(c, env, url)).contains("secret-env");
        // longest prefix: /team belongs to `other`, whose chain is empty → the generic token, never prod-eu's
        assertThat(Endpoints.serverFor(c, "https://graph.example.com/team/graphs/x")).contains("other");
        assertThat(Endpoints.token(c, env, "https://graph.example.com/team/graphs/x")).contains("generic");
        assertThat(Endpoints.token(c, Map.of(), "https://elsewhere.example.com/graphs/x")).isEqualTo(Optional.empty());

        // rotate keeps other sections; logout is idempotent
        assertThat(run("login", "other", "--token", "t-other", "--json").json().path("declared").asBoolean()).isTrue();
        assertThat(run(Map.of(), "secret-2\n", "login", "prod-eu").code()).isZero();
        Credentials stored = new Credentials(creds);
        assertThat(stored.read()).containsEntry("prod-eu", "secret-2").containsEntry("other", "t-other");
        Result undeclared = run("login", "nowhere", "--token", "t");
        assertThat(undeclared.err()).contains("'nowhere' is not under `servers:`");
        assertThat(run("logout", "other", "--json").json().path("server").asText()).isEqualTo("other");
        assertThat(run("logout", "other").out()).contains("no credential stored for 'other'");
        assertThat(stored.read()).doesNotContainKey("other").containsKey("prod-eu");

        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-r--r--"));
        env.remove("OMNIGRAPH_TOKEN_PROD_EU");
        Result insecure = run(Map.of(), "", "snapshot", "--server", "prod-eu", "--graph", "knowledge");
        assertThat(insecure.code()).isEqualTo(1);
        assertThat(insecure.err()).contains("error[credentials_insecure]").contains("chmod 600");

        Result unknownServer = run("snapshot", "--server", "prod-us", "--graph", "g");
        assertThat(unknownServer.err()).contains("unknown server 'prod-us' — servers defined in the operator config: [prod-eu, other]");
    }

    @Test
    void deprecatedVerbsAreRewrittenWithAWarning() throws IOException {
        Path gq = Files.writeString(tmp.resolve("q.gq"), "query q() { match { $p: Person } return { $p.name } }\n");
        Result read = run("read", "-e", "query q() { match { $p: Person } return { $p.name } }", "--store", graph, "--format", "csv");
        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.err()).contains("warning: `omnigraph read` is deprecated; use `omnigraph query`");
        Result lint = run("query", "lint", "--query", gq.toString(), "--schema", tmp.resolve("test.pg").toString());
        assertThat(lint.err()).contains("`omnigraph query lint` is deprecated; use `omnigraph lint`");
        assertThat(lint.code()).as(lint.err()).isZero();
        Result check = run("check", "--query", gq.toString(), "--schema", tmp.resolve("test.pg").toString());
        assertThat(check.code()).isZero();
        Path more = Files.writeString(tmp.resolve("more.jsonl"), "{\"type\":\"Person\",\"data\":{\"name\":\"Zoe\"}}\n");
        Result ingest = run("ingest", graph, "--data", more.toString(), "--branch", "fresh", "--json");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(ingest.err()).contains("`omnigraph ingest` is deprecated");
        assertThat(ingest.json().path("mode").asText()).isEqualTo("merge");
        assertThat(ingest.json().path("branch_created").asBoolean()).isTrue();
        assertThat(ingest.json().path("base_branch").asText()).isEqualTo("main");
    }

    @Test
    void completionAndDidYouMean() {
        Result bash = run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("omnigraph").contains("snapshot");
        assertThat(run("completion", "zsh").out()).contains("bashcompinit");
        Result typo = run("snapshto", "--store", graph);
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("snapshot");
        Result branch = run("snapshot", "--store", graph, "--branch", "mian");
        assertThat(branch.code()).isEqualTo(1);
        assertThat(branch.err()).contains("did you mean 'main'?");
    }
}
