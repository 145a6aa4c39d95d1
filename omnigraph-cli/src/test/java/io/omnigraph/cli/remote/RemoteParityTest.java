package io.omnigraph.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.demo.DemoFiles;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.storage.ObjectStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote mode against a real {@code omnigraph-server} on loopback: every data-plane command of cluster-server.md §6.5
 * prints the same bytes embedded ({@code --store <graph uri>}) and remote ({@code --server URL --graph ID}).
 * <ul>
 *   <li>Reads run on the same graph both ways and must match byte for byte.</li>
 *   <li>Writes run the same script on two identically applied clusters — A served, B embedded — and must match once
 *       commit ids, timestamps and the graph's URI are masked (those differ between two graphs by design).</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteParityTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String TOKEN = "tok-andrew-parity";

    @TempDir
    static Path tmp;

    private ClusterServer server;
    private String base;
    private String uriA;
    private String uriB;
    private Path seed;
    private Path seed2;
    private Path people;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    void serve() throws Exception {
        Path a = DemoFiles.copyTo(tmp.resolve("a"));
        Path b = DemoFiles.copyTo(tmp.resolve("b"));
        for (Path dir : List.of(a, b)) {
            ClusterControlPlane cp = new ClusterControlPlane(new ClusterEnvironment(new io.omnigraph.cluster.graph.EngineGraphPlane(),
                    ObjectStores::open, Clock.systemUTC(), Duration.ofSeconds(30), Failpoints.none(), "test@host:1"));
            assertThat(cp.importState(dir).json().path("ok").asBoolean()).isTrue();
            assertThat(cp.apply(dir, Optional.of("andrew")).json().path("converged").asBoolean()).isTrue();
        }
        Env env = Env.of(Map.of());
        ServerConfig config = ServerConfig.resolve(env, Optional.of("127.0.0.1:0"), false, false);
        server = ClusterServer.start(ClusterServer.Options.of(a.toString(), config,
                BearerTokens.of(Map.of("andrew", TOKEN), "the parity test")).withEnv(env).withSighup(false));
        base = server.baseUrl();
        Result graphs = run(Map.of("OMNIGRAPH_BEARER_TOKEN", TOKEN), "graphs", "list", "--server", base, "--json");
        assertThat(graphs.code()).as(graphs.err()).isZero();
        uriA = M.readTree(graphs.out()).path("graphs").get(0).path("uri").asText();
        uriB = uriA.replace(a.toString(), b.toString());
        assertThat(uriB).isNotEqualTo(uriA);
        List<String> lines = Files.readAllLines(a.resolve("seed.jsonl")).stream()
                .filter(l -> !l.contains("\"Document\"") && !l.contains("\"Authored\"") && !l.contains("\"About\"")).toList();
        seed = Files.write(tmp.resolve("seed.jsonl"), lines.subList(0, lines.size() / 2));
        seed2 = Files.write(tmp.resolve("seed2.jsonl"), lines.subList(lines.size() / 2, lines.size()));
        people = Files.write(tmp.resolve("people.jsonl"), lines.stream().filter(l -> l.contains("\"Person\"")).toList());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Result run(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("OMNIGRAPH_HOME", tmp.resolve("home").toString());
        env.putAll(extraEnv);
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result remote(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--server", base, "--graph", "knowledge"));
        return run(Map.of("OMNIGRAPH_BEARER_TOKEN", TOKEN), all.toArray(String[]::new));
    }

    Result embedded(String uri, List<String> args, boolean write) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--store", uri));
        if (write) {
            all.addAll(List.of("--as", "andrew"));
        }
        return run(Map.of(), all.toArray(String[]::new));
    }

    /** Commit ids, timestamps and graph URIs differ between two graphs; everything else must not. */
    String mask(String s, String uri) {
        return s.replace(uri, "<URI>").replace(base + "/graphs/knowledge", "<URI>")
                .replaceAll("og1\\.[A-Za-z0-9_.-]+", "<CURSOR>")
                .replaceAll("[0-9A-HJKMNP-TV-Z]{26}", "<ID>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<TIME>")
                .replaceAll("(\"(created_at|authored_at)\" : )\\d+", "$1<MICROS>");
    }

    String head(String uri) throws Exception {
        Result r = embedded(uri, List.of("commit", "list", "--json"), false);
        return M.readTree(r.out()).path("commits").get(0).path("graph_commit_id").asText();
    }

    @Test
    void everyDataCommandPrintsTheSameBytesEmbeddedAndRemote() throws Exception {
        List<List<String>> writes = List.of(
                List.of("load", "--data", seed.toString(), "--mode", "merge", "--json"),
                List.of("load", "--data", seed2.toString(), "--mode", "merge", "--branch", "feature", "--from", "main"),
                List.of("mutate", "-e", "query q() { insert Person { slug: \"kit\", name: \"Kit\", role: \"agent\" } }",
                        "--branch", "feature", "--json"),
                List.of("mutate", "-e", "query q($n: String) { update Person set { team: \"agents\" } where slug = $n }",
                        "--params", "{\"n\":\"kit\"}", "--branch", "feature"),
                List.of("branch", "create", "scratch", "--json"),
                List.of("branch", "create", "scratch2", "--from", "feature"),
                List.of("branch", "delete", "scratch", "--json", "--yes"),
                List.of("branch", "merge", "feature", "--json"),
                List.of("branch", "merge", "scratch2"),
                List.of("branch", "delete", "scratch2", "--yes"),
                List.of("load", "--data", people.toString(), "--mode", "overwrite", "--yes"));
        List<List<String>> reads = List.of(
                List.of("snapshot"), List.of("snapshot", "--json"), List.of("snapshot", "--branch", "feature"),
                List.of("query", "-e", "query q() { match { $p: Person } return { $p.slug, $p.name, $p.role } order { $p.slug asc } }"),
                List.of("query", "-e", "query q() { match { $p: Person } return { $p.slug, $p.team } order { $p.slug asc } }", "--json"),
                List.of("query", "-e", "query q($r: String) { match { $p: Person { role: $r } } return { $p.name } order { $p.name asc } }",
                        "--params", "{\"r\":\"engineer\"}", "--format", "csv"),
                List.of("query", "-e", "query q() { match { $p: Person } return { $p.name } order { $p.name asc } limit 2 }", "--format", "kv"),
                List.of("query", "-e", "query q() { match { $p: Person } return { $p.name } order { $p.name asc } }", "--format", "jsonl",
                        "--branch", "feature"),
                List.of("branch", "list"), List.of("branch", "list", "--json"),
                List.of("commit", "list"), List.of("commit", "list", "--branch", "feature", "--json"),
                List.of("commit", "show", "{HEAD}"), List.of("commit", "show", "{HEAD}", "--json"),
                List.of("commit", "changes", "{HEAD}"), List.of("commit", "changes", "{HEAD}", "--json"),
                List.of("changes", "poll", "--branch", "feature", "--start", "beginning"),
                List.of("changes", "poll", "--start", "beginning", "--json", "--type", "Person"),
                List.of("export"), List.of("export", "--type", "Person"),
                List.of("schema", "show"), List.of("schema", "show", "--json"));

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        // writes: A remote vs B embedded, masked
        for (List<String> w : writes) {
            Result r = remote(w);
            Result e = embedded(uriB, w, true);
            assertThat(r.code()).as(w + " remote: " + r.err()).isZero();
            assertThat(e.code()).as(w + " embedded: " + e.err()).isZero();
            compared++;
            if (!mask(r.out(), uriA).equals(mask(e.out(), uriB))) {
                mismatches.add(w + "\n--- remote\n" + r.out() + "--- embedded\n" + e.out());
            }
        }
        // reads: the same graph both ways, byte for byte; and A vs B masked (the writes converged them)
        String headA = head(uriA);
        String headB = head(uriB);
        for (List<String> rd : reads) {
            List<String> onA = rd.stream().map(x -> x.replace("{HEAD}", headA)).toList();
            List<String> onB = rd.stream().map(x -> x.replace("{HEAD}", headB)).toList();
            Result r = remote(onA);
            Result e = embedded(uriA, onA, false);
            Result eb = embedded(uriB, onB, false);
            assertThat(r.code()).as(rd + " remote: " + r.err()).isZero();
            assertThat(e.code()).as(rd + " embedded: " + e.err()).isZero();
            assertThat(r.out()).as(rd.toString()).isNotBlank();
            compared += 2;
            if (!r.out().equals(e.out())) {
                mismatches.add(rd + " (same graph)\n--- remote\n" + r.out() + "--- embedded\n" + e.out());
            }
            if (!rd.getFirst().equals("export") && !mask(r.out(), uriA).equals(mask(eb.out(), uriB))) {
                mismatches.add(rd + " (A vs B)\n--- remote A\n" + r.out() + "--- embedded B\n" + eb.out());
            }
        }
        assertThat(mismatches).as(String.join("\n\n", mismatches)).isEmpty();
        assertThat(compared).isGreaterThan(40);
    }

    @Test
    void remoteErrorsKeepTheServersCodeAndExitCodes() throws Exception {
        Result unknown = remote(List.of("commit", "show", "01J00000000000000000000000"));
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("error[not_found]");
        Result noToken = run(Map.of(), "snapshot", "--server", base, "--graph", "knowledge");
        assertThat(noToken.code()).isEqualTo(1);
        assertThat(noToken.err()).contains("error[unauthorized]").doesNotContain("Exception");
        Result as = run(Map.of("OMNIGRAPH_BEARER_TOKEN", TOKEN), "branch", "create", "x", "--server", base, "--graph",
                "knowledge", "--as", "andrew");
        assertThat(as.code()).isEqualTo(2);
        assertThat(as.err()).contains("`--as` is not allowed on a served write");
        Result typo = run(Map.of("OMNIGRAPH_BEARER_TOKEN", TOKEN), "snapshot", "--server", base, "--graph", "knowledg");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("graph 'knowledg' not found").contains("did you mean 'knowledge'?");
        Result noGraph = run(Map.of("OMNIGRAPH_BEARER_TOKEN", TOKEN), "snapshot", "--server", base);
        assertThat(noGraph.code()).isEqualTo(2);
        assertThat(noGraph.err()).contains("has 1 graph: [knowledge]; pass --graph <id>");
        String h = head(uriA);
        Result lost = remote(List.of("mutate", "-e", "query q() { insert Person { slug: \"zed\", name: \"Zed\", role: \"agent\" } }",
                "--if-commit", "01J00000000000000000000000", "--json"));
        assertThat(lost.code()).as(lost.err()).isEqualTo(4);
        assertThat(M.readTree(lost.out()).has("precondition_failure")).isTrue();
        assertThat(head(uriA)).isEqualTo(h);
        Result confirm = remote(List.of("branch", "delete", "nope"));
        assertThat(confirm.code()).isEqualTo(1);
        assertThat(confirm.err()).contains("refusing destructive `branch delete` against non-local target");
        Result stored = remote(List.of("query", "who_works_on", "--params", "{\"project\":\"atlas\"}", "--json"));
        assertThat(stored.code()).as(stored.err()).isZero();
        assertThat(M.readTree(stored.out()).path("query_name").asText()).isEqualTo("who_works_on");
        Result storedEmbedded = embedded(uriA, List.of("query", "who_works_on"), false);
        assertThat(storedEmbedded.code()).isEqualTo(2);
        assertThat(storedEmbedded.err()).contains("by-name invocation needs a server");
    }

    @Test
    void aliasesAndNamedServersUseTheStoredToken() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-alias"));
        Files.writeString(home.resolve("config.yaml"), """
                servers:
                  local: { url: %s }
                defaults:
                  server: local
                  default_graph: knowledge
                aliases:
                  team: { server: local, graph: knowledge, query: who_works_on, args: [project], format: csv }
                  people: { server: local, graph: knowledge, query: find_person, args: [name] }
                """.formatted(base));
        Map<String, String> env = Map.of("OMNIGRAPH_HOME", home.toString());
        Result denied = run(env, "snapshot");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).contains("error[unauthorized]");
        Result login = run(env, "login", "local", "--token", TOKEN);
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.out()).doesNotContain(TOKEN);
        // defaults.server + default_graph address the graph; the stored token authenticates
        Result snap = run(env, "snapshot", "--json");
        assertThat(snap.code()).as(snap.err()).isZero();
        Result viaName = run(env, "branch", "list", "--server", "local", "--graph", "knowledge");
        assertThat(viaName.code()).as(viaName.err()).isZero();
        assertThat(viaName.out()).contains("main");
        Result alias = run(env, "alias", "team", "atlas");
        assertThat(alias.code()).as(alias.err()).isZero();
        assertThat(alias.out()).startsWith("p.name,p.role\n");
        Result direct = run(env, "query", "who_works_on", "--params", "{\"project\":\"atlas\"}", "--format", "csv");
        assertThat(direct.out()).isEqualTo(alias.out());
        Result overridden = run(env, "alias", "team", "atlas", "--params", "{\"project\":\"nowhere\"}", "--json");
        assertThat(M.readTree(overridden.out()).path("row_count").asLong()).isZero();
        Result tooMany = run(env, "alias", "team", "a", "b");
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).contains("takes 1 argument(s) [project], got 2");
        Result unknown = run(env, "alias", "tema");
        assertThat(unknown.err()).contains("unknown alias 'tema'").contains("did you mean 'team'?");
        Result scoped = run(env, "alias", "team", "atlas", "--server", "local");
        assertThat(scoped.code()).isEqualTo(2);
        assertThat(scoped.err()).contains("`alias` is a local command");
        Result typo = run(env, "query", "who_work_on");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("did you mean 'who_works_on'?");
        // the keyed env token beats the stored one
        Result wrongEnv = run(Map.of("OMNIGRAPH_HOME", home.toString(), "OMNIGRAPH_TOKEN_LOCAL", "wrong"), "snapshot");
        assertThat(wrongEnv.err()).contains("error[unauthorized]");
        assertThat(run(env, "logout", "local").code()).isZero();
        assertThat(run(env, "snapshot").err()).contains("error[unauthorized]");
    }

    static String lines(List<String> l) {
        return l.stream().collect(Collectors.joining("\n"));
    }
}
