package io.omnigraph.server.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.auth.TokenConfigException;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Security of the cluster-served HTTP server over real loopback HTTP on the real engine (the company-brain demo with
 * its Cedar bundles): no route without a valid token, an actor that cannot be forged, tokens that never reach a log
 * line, a response or the storage root, path tricks beyond {@code BadInputCorpusTest} (dot segments, double encoding,
 * path parameters, bidi and full-width characters, overlong URIs and headers). Slow and oversized requests are in
 * {@link SlowRequestsTest}.
 */
class ServerSecurityTest {
    @TempDir
    static Path tmp;
    static ClusterFixture f;
    static Served s;
    static final String T_ANDREW = "tok-andrew-5c1d7e0b9a2f4e31";
    static final String T_RUTH = "tok-ruth-88e2a40c61f7b3d9";
    static final String T_AGENT = "tok-agent-1-0f3b9d27c4e6a815";
    static final List<String> TOKENS = List.of(T_ANDREW, T_RUTH, T_AGENT);
    static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    static Level omnigraphLevel;

    @BeforeAll
    static void serve() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.omnigraph");
        omnigraphLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG); // the most our code ever says
        LOGS.start();
        root.addAppender(LOGS);
        f = ClusterFixture.companyBrain(tmp.resolve("company-brain")).converge();
        f.load("knowledge", f.read("seed.jsonl"));
        s = f.serve(false, Map.of("andrew", T_ANDREW, "ruth", T_RUTH, "agent-1", T_AGENT));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        ((Logger) LoggerFactory.getLogger("io.omnigraph")).setLevel(omnigraphLevel);
    }

    static HttpResponse<String> raw(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.http.base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A route template with its parameters filled in with values that exist (so only the token decides). */
    static String concrete(String template) {
        return template.replaceAll("[{<]graph_id[}>]", "knowledge").replaceAll("[{<]name[}>]", "find_person")
                .replaceAll("[{<]branch[}>]", "main").replaceAll("[{<]commit_id[}>]", "01ARZ3NDEKTSV4RRFFQ69G5FAV")
                .replaceAll("[{<][a-z_]+[}>]", "x");
    }

    static List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(f.dir)) {
            return walk.filter(Files::isRegularFile).map(p -> f.dir.relativize(p).toString())
                    .filter(p -> !p.contains(".omnigraph-")).sorted().toList();
        }
    }

    @Test
    void everyRouteRefusesAMissingWrongOrMalformedToken() throws IOException {
        List<String> before = files();
        int commits = f.commitCount("knowledge", "main");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("andrew:" + T_ANDREW).getBytes(StandardCharsets.UTF_8));
        List<String[]> credentials = List.of(
                new String[]{},
                new String[]{"Authorization", "Bearer"},
                new String[]{"Authorization", "Bearer "},
                new String[]{"Authorization", "Bearer wrong"},
                new String[]{"Authorization", "Bearer " + T_ANDREW.toUpperCase()},
                new String[]{"Authorization", "Bearer " + T_ANDREW + "x"},
                new String[]{"Authorization", "Bearer " + T_ANDREW.substring(0, T_ANDREW.length() - 1)},
                new String[]{"Authorization", "Token " + T_ANDREW},
                new String[]{"Authorization", T_ANDREW},
                new String[]{"Authorization", basic},
                new String[]{"Cookie", "token=" + T_ANDREW},
                new String[]{"X-Api-Key", T_ANDREW},
                new String[]{"Proxy-Authorization", "Bearer " + T_ANDREW});
        List<String> routes = s.server.http().routes();
        assertThat(routes).as("the server registers its routes").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String route : routes) {
            String[] mp = route.split(" ", 2);
            String path = concrete(mp[1]);
            if (path.equals("/healthz") || path.equals("/openapi.json") || path.equals("/ui") || path.startsWith("/ui/")) {
                continue; // public by design (health, the contract, the review console's static files)
            }
            String body = mp[0].equals("POST") || mp[0].equals("PUT") || mp[0].equals("PATCH") ? "{}" : null;
            for (String[] c : credentials) {
                HttpResponse<String> r = raw(mp[0], path, body, c);
                checked++;
                if (r.statusCode() != 401 || !(mp[0].equals("HEAD") || r.body().contains("unauthorized"))) {
                    problems.add(route + " with " + List.of(c) + " -> " + r.statusCode() + " " + r.body());
                }
            }
            // a token in the query string is not a credential either
            HttpResponse<String> q = raw(mp[0], path + (path.contains("?") ? "&" : "?") + "access_token=" + T_ANDREW, body);
            if (q.statusCode() != 401) {
                problems.add(route + " with ?access_token -> " + q.statusCode());
            }
        }
        assertThat(problems).as("routes reachable without a valid bearer token").isEmpty();
        assertThat(checked).isGreaterThan(300);
        assertThat(files()).as("refused requests write nothing").isEqualTo(before);
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(commits);
        // public routes stay public, and a valid token opens the rest
        assertThat(raw("GET", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/graphs/knowledge/snapshot", null, bearer(T_ANDREW)).statusCode()).isEqualTo(200);
    }

    @Test
    void theActorComesFromTheTokenAloneAndReachesTheCommitLedger() {
        String[] spoof = {"X-Omnigraph-Actor", "andrew", "Omnigraph-Actor", "andrew", "X-Forwarded-User", "andrew",
                "X-Remote-User", "andrew", "Forwarded", "for=andrew"};
        // agent-1 may change unprotected branches only; claiming to be andrew does not open main
        Resp created = s.post("/graphs/knowledge/branches", "{\"name\":\"agent-sec\",\"from\":\"main\",\"actor\":\"andrew\"}",
                concat(bearer(T_AGENT), spoof));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String insert = "query q() { insert Person { slug: \\\"sec-%s\\\", name: \\\"S\\\", role: \\\"agent\\\" } }";
        Resp onMain = s.post("/graphs/knowledge/mutate", "{\"query\":\"" + insert.formatted("main") + "\",\"branch\":\"main\","
                + "\"actor\":\"andrew\",\"actor_id\":\"andrew\",\"as\":\"andrew\"}", concat(bearer(T_AGENT), spoof));
        assertThat(onMain.status()).as(onMain.toString()).isEqualTo(403);
        assertThat(onMain.error()).contains("agent-1").doesNotContain("'andrew'");
        Resp onBranch = s.post("/graphs/knowledge/mutate", "{\"query\":\"" + insert.formatted("branch") + "\","
                + "\"branch\":\"agent-sec\",\"actor\":\"andrew\",\"actor_id\":\"andrew\"}", concat(bearer(T_AGENT), spoof));
        assertThat(onBranch.status()).as(onBranch.toString()).isEqualTo(200);
        assertThat(onBranch.json().path("actor_id").asText()).isEqualTo("agent-1");
        try (Graph g = f.openGraph("knowledge")) {
            List<CommitInfo> log = g.commits(Optional.empty(), "agent-sec", 5);
            assertThat(log.getFirst().actorId()).as("the ledger records the token's actor").contains("agent-1");
        }
        // ruth may merge into main, but a header claiming andrew does not let her change main directly
        Resp ruth = s.post("/graphs/knowledge/mutate", "{\"query\":\"" + insert.formatted("ruth") + "\"}",
                concat(bearer(T_RUTH), spoof));
        assertThat(ruth.status()).as(ruth.toString()).isEqualTo(403);
        assertThat(s.delete("/graphs/knowledge/branches/agent-sec", bearer(T_ANDREW)).status()).isEqualTo(200);
    }

    @Test
    void tokensNeverReachALogLineAResponseOrTheStorageRoot() throws IOException {
        LOGS.list.clear();
        List<String> bodies = new ArrayList<>();
        for (String t : TOKENS) {
            bodies.add(raw("GET", "/graphs/knowledge/snapshot", null, bearer(t)).body());
            bodies.add(raw("GET", "/graphs/knowledge/snapshot", null, bearer(t + "-wrong")).body());
            bodies.add(raw("GET", "/graphs/knowledge/snapshot", null, "Authorization", t).body());
            bodies.add(raw("GET", "/graphs/knowledge/snapshot?token=" + t, null).body());
            bodies.add(raw("GET", "/graphs/nope/snapshot", null, bearer(t)).body());
            bodies.add(raw("POST", "/graphs/knowledge/mutate", "{\"query\": }", bearer(t)).body());
            bodies.add(raw("POST", "/admin/reload", "", bearer(t)).body());
        }
        bodies.add(raw("POST", "/graphs/knowledge/mutate", "{\"query\":\"query q() { insert Person { slug: \\\"log-probe\\\","
                + " name: \\\"L\\\", role: \\\"agent\\\" } }\"}", bearer(T_ANDREW)).body());
        bodies.add(raw("GET", "/graphs/knowledge/commits", null, bearer(T_ANDREW)).body());
        bodies.add(raw("GET", "/graphs", null, bearer(T_RUTH)).body());
        assertThat(LOGS.list).as("the probe requests were logged at all (the appender sees the server)").isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent e : LOGS.list) {
            String line = e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String t : TOKENS) {
                if (line.contains(t)) {
                    leaks.add("log " + e.getLoggerName() + ": " + line);
                }
            }
        }
        for (String b : bodies) {
            for (String t : TOKENS) {
                if (b.contains(t)) {
                    leaks.add("response: " + b);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(f.dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                for (String t : TOKENS) {
                    if (content.contains(t)) {
                        leaks.add("stored in " + f.dir.relativize(p));
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
        System.out.println("ServerSecurityTest: " + LOGS.list.size() + " log events and " + bodies.size()
                + " responses checked for tokens");
    }

    @Test
    void tokenConfigurationErrorsAndToStringNeverEchoAToken() throws TokenConfigException {
        BearerTokens ok = BearerTokens.of(Map.of("andrew", T_ANDREW), "test");
        assertThat(ok.toString()).doesNotContain(T_ANDREW);
        assertThatThrownBy(() -> BearerTokens.of(Map.of("a", T_ANDREW, "b", T_ANDREW), "test"))
                .isInstanceOf(TokenConfigException.class).message().doesNotContain(T_ANDREW);
        assertThatThrownBy(() -> BearerTokens.load(Env.of(Map.of(BearerTokens.JSON, "{\"a\": \"" + T_ANDREW + "\",}"))))
                .isInstanceOf(TokenConfigException.class).message().doesNotContain(T_ANDREW);
        assertThatThrownBy(() -> BearerTokens.load(Env.of(Map.of(BearerTokens.JSON, "{\"a\": [\"" + T_ANDREW + "\"]}"))))
                .isInstanceOf(TokenConfigException.class).message().doesNotContain(T_ANDREW);
    }

    /**
     * Raw request targets the HTTP client would not send: dot segments (plain and encoded), double encoding, path
     * parameters, empty segments, backslashes, bidi and full-width characters, NUL, overlong targets and headers. With
     * a valid token, each is a 4xx (never a 5xx, never another graph's data), and nothing is written.
     */
    @Test
    void rawPathTricksAreRejected() throws IOException {
        List<String> before = files();
        String g = "/graphs/knowledge";
        List<String> targets = List.of(
                "/graphs/nope/../knowledge/snapshot", "/graphs/%2e%2e/knowledge/snapshot", "/graphs/%2E%2E%2Fknowledge/snapshot",
                g + "%252F..%252Fx/snapshot", "/graphs/knowledge%252Fsnapshot", "/graphs/knowledge;jsessionid=1/snapshot",
                "/graphs;x=y/knowledge/snapshot", "/graphs//knowledge/snapshot", "/graphs/knowledge\\..\\x/snapshot",
                "/graphs/%EF%BD%8Bnowledge/snapshot", "/graphs/knowledge%E2%80%AE/snapshot", "/graphs/knowledge%00/snapshot",
                "/graphs/knowledge%C0%AE%C0%AE/snapshot", "/graphs/%u006bnowledge/snapshot", "/graphs/knowledge%/snapshot",
                "/graphs/knowledge%2/snapshot", g + "/branches/%zz", g + "/snapshot?branch=%zz", g + "/snapshot?branch=%",
                g + "/commits/..%2F..%2Fstate.json",
                g + "/commits/%2e%2e%2f__cluster%2fstate.json", g + "/queries/..%2F..%2F__cluster", g + "/branches/%2e%2e",
                g + "/snapshot?branch=%E2%80%AEniam", g + "/snapshot?branch=..%2F..%2F__cluster%2Fstate",
                g + "/snapshot?branch=" + "b".repeat(5000), "/graphs/" + "k".repeat(20_000) + "/snapshot",
                "/graphs/knowledge/snapshot/" + "..%2F".repeat(2000));
        List<String> problems = new ArrayList<>();
        for (String target : targets) {
            int status = rawStatus("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + T_ANDREW
                    + "\r\nConnection: close\r\n\r\n");
            if (status < 400 || status >= 500) {
                problems.add(target.substring(0, Math.min(100, target.length())) + " -> " + status);
            }
        }
        String big = "x".repeat(64 * 1024);
        for (String headers : List.of("X-Big: " + big + "\r\n", "Authorization: Bearer " + big + "\r\n",
                "X-Many: 1\r\n".repeat(5000))) {
            int status = rawStatus("GET " + g + "/snapshot HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
            if (status < 400 || status >= 500) {
                problems.add("oversized headers (" + headers.length() + " bytes) -> " + status);
            }
        }
        assertThat(problems).as("raw path tricks not answered with a 4xx").isEmpty();
        assertThat(files()).isEqualTo(before);
        assertThat(raw("GET", g + "/snapshot", null, bearer(T_ANDREW)).statusCode()).as("still serving").isEqualTo(200);
    }

    /** Sends a raw request and returns the status code of the answer (-1 when the server just closes). */
    static int rawStatus(String request) throws IOException {
        try (Socket sock = new Socket(s.server.http().address().getAddress(), s.server.http().address().getPort())) {
            sock.setSoTimeout(20_000);
            OutputStream out = sock.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException reset) {
                // the server may refuse an oversized request before reading all of it; its answer is still readable
            }
            InputStream in = sock.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
