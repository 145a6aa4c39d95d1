package io.omnigraph.server.cluster;

import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of bad requests — malformed JSON, wrong types, huge bodies, unknown graph ids, path tricks in graph ids,
 * branch names, commit/snapshot ids and query names (`../`, `%2F`, overlong, unicode) — sent by an actor allowed to do
 * everything: every answer is a 4xx ErrorOutput (validated against openapi.json), never a 5xx, and nothing is
 * written (commit counts, branch lists and the files of the cluster directory are unchanged).
 */
class BadInputCorpusTest {
    @TempDir
    static Path tmp;
    static ClusterFixture f;
    static Served s;
    static final String T = "t-andrew";

    @BeforeAll
    static void serve() {
        f = ClusterFixture.companyBrain(tmp.resolve("company-brain")).converge();
        f.load("knowledge", f.read("seed.jsonl"));
        s = f.serve(false, Map.of("andrew", T));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    record Bad(String method, String path, String contentType, byte[] body, String... headers) {
        static Bad json(String method, String path, String body) {
            return new Bad(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }

        static Bad get(String path) {
            return new Bad("GET", path, null, null);
        }

        @Override
        public String toString() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
            return method + " " + path + (body == null ? "" : " " + b) + (headers.length == 0 ? "" : " " + Arrays.toString(headers));
        }
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static List<Bad> corpus() {
        String g = "/graphs/knowledge";
        String longName = repeat("b", 1000);
        String huge = "{\"query\":\"" + repeat("x", 1_100_000) + "\"}";
        List<Bad> c = new ArrayList<>();
        // malformed JSON on every JSON route
        for (String route : List.of("/query", "/read", "/mutate", "/change", "/export", "/load", "/ingest", "/branches",
                "/branches/merge", "/schema/apply", "/changes/baseline", "/queries/find_person")) {
            for (String body : List.of("{", "[]", "\"text\"", "{\"query\": }", "{} trailing", "nul", "{\"a\":1,\"a\":2}",
                    "{\"branch\": 5}")) {
                c.add(Bad.json("POST", g + route, body));
            }
            c.add(new Bad("POST", g + route, "application/json", new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
            c.add(new Bad("POST", g + route, "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
        }
        // wrong types and values
        c.addAll(List.of(
                Bad.json("POST", g + "/query", "{\"query\": 1}"),
                Bad.json("POST", g + "/query", "{\"query\": \"query q() { match { $p: Person } return { $p.name } }\", \"params\": []}"),
                Bad.json("POST", g + "/query", "{\"query\": \"q\", \"branch\": \"main\", \"snapshot\": \"01ARZ3NDEKTSV4RRFFQ69G5FAV\"}"),
                Bad.json("POST", g + "/mutate", "{\"query\": \"query q($n: I32) { update Person set { name: \\\"x\\\" } where slug = \\\"ruth\\\" }\", \"params\": {\"n\": \"seven\"}}"),
                Bad.json("POST", g + "/mutate", "{\"query\": \"query q() { insert Person { slug: 1 } }\"}"),
                Bad.json("POST", g + "/mutate", "{\"query\": \"this is not gq\"}"),
                Bad.json("POST", g + "/mutate", "{\"query\": \"query q() { match { $p: Person } return { $p.name } }\"}"),
                Bad.json("POST", g + "/mutate", "{\"query\": \"x\", \"query_source\": \"y\"}"),
                Bad.json("POST", g + "/load", "{\"data\": \"{not ndjson\\n\"}"),
                Bad.json("POST", g + "/load", "{\"data\": \"{\\\"type\\\":\\\"Nope\\\",\\\"data\\\":{}}\\n\"}"),
                Bad.json("POST", g + "/load", "{\"data\": \"{\\\"type\\\":\\\"Person\\\",\\\"data\\\":{\\\"slug\\\":\\\"a\\\",\\\"name\\\":\\\"A\\\",\\\"role\\\":\\\"pope\\\"}}\\n\"}"),
                Bad.json("POST", g + "/load", "{\"data\": \"\", \"mode\": \"sideways\"}"),
                Bad.json("POST", g + "/load", "{\"data\": 42}"),
                Bad.json("POST", g + "/export", "{\"type_names\": \"Person\"}"),
                Bad.json("POST", g + "/export", "{\"unknown_field\": true}"),
                Bad.json("POST", g + "/branches", "{\"name\": null}"),
                Bad.json("POST", g + "/branches", "{}"),
                Bad.json("POST", g + "/branches/merge", "{\"source\": \"main\", \"delete_branch\": \"yes\"}"),
                Bad.json("POST", g + "/schema/apply", "{\"schema_source\": 3}"),
                Bad.json("POST", g + "/queries/find_person", "{\"params\": {\"name\": 7}, \"expect_mutation\": \"no\"}"),
                Bad.json("POST", g + "/queries/find_person", "[1,2]"),
                Bad.json("POST", g + "/queries/add_person", "{\"params\": {\"slug\": 1}}"),
                Bad.json("POST", g + "/queries/add_person", "{\"params\": {\"slug\": \"a\"}}"),
                Bad.json("POST", g + "/queries/add_person", "{\"snapshot\": \"01ARZ3NDEKTSV4RRFFQ69G5FAV\"}"),
                Bad.get(g + "/changes?limit=-1"),
                Bad.get(g + "/changes?limit=abc"),
                Bad.get(g + "/changes?cursor=a&start=b"),
                Bad.get(g + "/changes?kind=vertex"),
                Bad.get(g + "/commits?branch=main&branch=other"),
                Bad.get("/graphs/knowledge/blob?entity=node&type=Person&id=ruth"),
                Bad.get("/graphs/knowledge/blob?entity=thing&type=Person&id=ruth&property=bio"),
                new Bad("POST", g + "/mutate", "application/json", "{\"query\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        "Omnigraph-If-Graph-Commit", "abc"),
                new Bad("POST", g + "/mutate/if-graph-commit", "application/json",
                        "{\"query\":\"x\"}".getBytes(StandardCharsets.UTF_8), "Omnigraph-If-Graph-Commit", "*"),
                new Bad("POST", g + "/mutate/if-graph-commit", "application/json",
                        "{\"query\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
        // huge bodies
        c.add(Bad.json("POST", g + "/mutate", huge));
        c.add(Bad.json("POST", g + "/query", huge));
        c.add(Bad.json("POST", g + "/queries/find_person", "{\"params\":{\"name\":\"" + repeat("n", 1_100_000) + "\"}}"));
        c.add(new Bad("POST", g + "/load/ndjson", "application/x-ndjson", new byte[33 * 1024 * 1024 + 1]));
        // unknown and malformed graph ids
        for (String id : List.of("nope", "a_b", repeat("a", 65), "graphs", "healthz", "%2E%2E", "..%2Fknowledge",
                "knowledge%2F..", "%C3%B1", "knowledge%00", "%20", "KNOWLEDGE")) {
            c.add(Bad.get("/graphs/" + id + "/snapshot"));
            c.add(Bad.json("POST", "/graphs/" + id + "/mutate", "{\"query\":\"x\"}"));
        }
        // path tricks in branch names
        for (String b : List.of("..%2F..%2Fgraph.json", "..", "a%2F..%2F..%2Fb", "%2F", "__internal", longName,
                "%C3%BCn%C3%AFc%C3%B8de", "has%20space", "a%5Cb", "main%00", ".hidden", "a//b", "a/", "%2Fabs")) {
            c.add(Bad.get(g + "/snapshot?branch=" + b));
            c.add(Bad.get(g + "/commits?branch=" + b));
            c.add(Bad.json("POST", g + "/mutate", "{\"query\":\"query q() { insert Person { slug: \\\"t\\\", name: \\\"T\\\","
                    + " role: \\\"agent\\\" } }\",\"branch\":\"" + decode(b) + "\"}"));
            c.add(Bad.json("POST", g + "/load", "{\"data\":\"\",\"branch\":\"" + decode(b) + "\",\"from\":\"main\"}"));
            c.add(Bad.json("POST", g + "/branches", "{\"name\":\"" + decode(b) + "\"}"));
            c.add(Bad.json("POST", g + "/branches", "{\"name\":\"ok-branch\",\"from\":\"" + decode(b) + "\"}"));
            c.add(Bad.json("POST", g + "/export", "{\"branch\":\"" + decode(b) + "\"}"));
            c.add(new Bad("DELETE", g + "/branches/" + b, null, null));
            c.add(Bad.get(g + "/blob?entity=node&type=Person&id=ruth&property=bio&branch=" + b));
        }
        c.add(new Bad("DELETE", g + "/branches/main", null, null));
        // path tricks in commit ids, snapshot ids, query names, blob coordinates
        for (String id : List.of("..%2F..%2Fgraph.json", "..", repeat("Z", 500), "%C3%A9", "01ARZ3NDEKTSV4RRFFQ69G5FA%2F")) {
            c.add(Bad.get(g + "/commits/" + id));
            c.add(Bad.get(g + "/commits/" + id + "/changes"));
            c.add(Bad.json("POST", g + "/queries/" + id, "{}"));
            c.add(Bad.json("POST", g + "/query", "{\"query\":\"query q() { match { $p: Person } return { $p.name } }\","
                    + "\"snapshot\":\"" + decode(id) + "\"}"));
            c.add(Bad.get(g + "/blob?entity=node&type=Person&property=bio&id=" + id));
            c.add(Bad.get(g + "/blob?entity=node&type=" + id + "&property=bio&id=ruth"));
            c.add(Bad.get(g + "/blob?entity=node&type=Person&property=bio&id=ruth&snapshot=" + id));
        }
        return c;
    }

    static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\u0000", "\\u0000");
    }

    @Test
    void everyBadRequestIsA4xxErrorAndWritesNothing() throws IOException {
        int mainCommits = f.commitCount("knowledge", "main");
        List<String> branches = branchList();
        List<String> files = files();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Bad b : corpus()) {
            Resp r;
            try {
                String[] headers = b.contentType() == null ? concat(b.headers(), bearer(T))
                        : concat(concat(b.headers(), bearer(T)), "Content-Type", b.contentType());
                HttpRequest.BodyPublisher body = b.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(b.body());
                r = s.http.send(b.method(), b.path(), body, headers);
            } catch (AssertionError contract) {
                problems.add(b + " -> " + contract.getMessage().lines().limit(3).toList());
                continue;
            } catch (java.io.UncheckedIOException broken) {
                problems.add(b + " -> connection broken: " + broken.getMessage());
                continue;
            }
            sent++;
            if (r.status() < 400 || r.status() >= 500) {
                problems.add(b + " -> " + r.status() + " " + r.text().substring(0, Math.min(200, r.text().length())));
            } else if (!b.method().equals("HEAD") && r.error().isBlank()) {
                problems.add(b + " -> " + r.status() + " without an error message");
            }
        }
        assertThat(problems).as("requests not answered with a 4xx ErrorOutput").isEmpty();
        assertThat(sent).isGreaterThan(300);
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(mainCommits);
        assertThat(branchList()).isEqualTo(branches);
        assertThat(files()).isEqualTo(files);
    }

    /** Unusual names the branch rule accepts stay inside the graph root: refs are keys under refs/branches/. */
    @Test
    void trickyButValidBranchNamesStayInsideTheGraphRoot() throws IOException {
        List<String> before = files();
        for (String name : List.of("refs/branches/main", "a..b", "-x", "graph.json")) {
            Resp created = s.post("/graphs/knowledge/branches", "{\"name\":\"" + name + "\"}", bearer(T));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            List<String> added = new ArrayList<>(files());
            added.removeAll(before);
            assertThat(added).isNotEmpty().allMatch(p -> p.startsWith("graphs/knowledge.omni/refs/branches/"));
            assertThat(s.get("/graphs/knowledge/snapshot?branch=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8),
                    bearer(T)).status()).isEqualTo(200);
            Resp deleted = s.delete("/graphs/knowledge/branches/" + name.replace("/", "%2F"), bearer(T));
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        }
        assertThat(s.get("/graphs/knowledge/snapshot", bearer(T)).status()).isEqualTo(200);
        assertThat(branchList()).containsExactly("main");
    }

    /** A chunked body (no Content-Length) over the 1 MiB JSON limit is cut off while reading: 413. */
    @Test
    void chunkedOversizedBodyIs413() throws Exception {
        byte[] chunk = repeat("x", 64 * 1024).getBytes(StandardCharsets.UTF_8);
        InputStream endless = new InputStream() {
            long sent;

            @Override
            public int read() {
                return sent++ < 3L * 1024 * 1024 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= 3L * 1024 * 1024) {
                    return -1;
                }
                int n = Math.min(len, chunk.length);
                System.arraycopy(chunk, 0, b, off, n);
                sent += n;
                return n;
            }
        };
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.http.base()
                        + "/graphs/knowledge/mutate")).header("Authorization", "Bearer " + T)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("resource_limit");
    }

    static List<String> branchList() {
        List<String> out = new ArrayList<>();
        s.get("/graphs/knowledge/branches", bearer(T)).json().path("branches").forEach(b -> out.add(b.asText()));
        return out;
    }

    static List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(f.dir)) {
            return walk.map(p -> f.dir.relativize(p).toString()).filter(p -> !p.contains(".omnigraph-")).sorted().toList();
        }
    }

    static String[] concat(String[] a, String... b) {
        return ClusterRoutesTest.concat(a, b);
    }
}
