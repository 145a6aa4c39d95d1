package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of openapi.json against the company-brain demo cluster (applied by the real control plane, seed data
 * loaded, the demo's Cedar bundles) plus an {@code assets} graph holding Blobs, served over real HTTP. Every response
 * is validated against openapi.json. Writes go to their own branches so the methods are independent.
 */
class ClusterRoutesTest {
    @TempDir
    static Path tmp;
    static ClusterFixture f;
    static Served s;

    static final String ANDREW = "t-andrew";
    static final String RUTH = "t-ruth";
    static final String AGENT = "t-agent1";
    static final String OUTSIDER = "t-outsider";
    static final byte[] PIXELS = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void serve() {
        f = ClusterFixture.companyBrain(tmp.resolve("company-brain"));
        f.write("assets.pg", "node Asset {\n    slug: String @key\n    data: Blob?\n}\n");
        f.write("cluster.yaml", f.read("cluster.yaml").replace("policies:\n", "  assets:\n    schema: assets.pg\n"
                + "    external_blobs:\n      allow:\n        - { base: \"https://cdn.example.com/assets/\", scope: server_safe }\n"
                + "policies:\n"));
        f.converge();
        f.load("knowledge", f.read("seed.jsonl"));
        f.load("assets", "{\"type\":\"Asset\",\"data\":{\"slug\":\"logo\",\"data\":\"base64:"
                + Base64.getEncoder().encodeToString(PIXELS) + "\"}}\n"
                + "{\"type\":\"Asset\",\"data\":{\"slug\":\"cdn\",\"data\":\"https://cdn.example.com/assets/cdn.png\"}}\n"
                + "{\"type\":\"Asset\",\"data\":{\"slug\":\"elsewhere\",\"data\":\"https://evil.example.org/x.png\"}}\n"
                + "{\"type\":\"Asset\",\"data\":{\"slug\":\"empty\"}}\n");
        s = f.serve(false, Map.of("andrew", ANDREW, "ruth", RUTH, "agent-1", AGENT, "outsider", OUTSIDER));
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    static String headCommit(String branch) {
        Resp r = s.get("/graphs/knowledge/commits?branch=" + branch, bearer(ANDREW));
        assertThat(r.status()).isEqualTo(200);
        return r.json().path("commits").get(0).path("graph_commit_id").asText();
    }

    @Test
    void metaRoutes() {
        assertThat(s.get("/healthz").json().path("internal_schema_version").asInt()).isEqualTo(1);
        assertThat(s.get("/openapi.json").json().path("info").path("version").asText()).isEqualTo("0.10.0");
        Resp graphs = s.get("/graphs", bearer(RUTH));
        assertThat(graphs.status()).isEqualTo(200);
        assertThat(ServeScenariosTest.names(graphs.json().path("graphs"), "graph_id")).containsExactly("assets", "knowledge");
        assertThat(graphs.json().path("graphs").get(1).path("uri").asText())
                .isEqualTo(f.dir + "/graphs/knowledge.omni");
        assertThat(s.get("/graphs", bearer(OUTSIDER)).status()).isEqualTo(403);
    }

    @Test
    void readRoutes() {
        Resp snap = s.get("/graphs/knowledge/snapshot", bearer(AGENT));
        assertThat(snap.status()).isEqualTo(200);
        JsonNode person = null;
        for (JsonNode d : snap.json().path("datasets")) {
            if (d.path("type_name").asText().equals("Person")) {
                person = d;
            }
        }
        assertThat(person).isNotNull();
        assertThat(person.path("entity_count").asLong()).isEqualTo(7);
        assertThat(person.path("entity_kind").asText()).isEqualTo("node");
        assertThat(s.get("/graphs/knowledge/snapshot?branch=nope", bearer(AGENT)).status()).isEqualTo(404);
        assertThat(s.get("/graphs/knowledge/schema", bearer(AGENT)).json().path("schema_source").asText())
                .isEqualTo(f.read("people.pg"));
        assertThat(s.get("/graphs/knowledge/branches", bearer(AGENT)).json().path("branches").get(0).asText())
                .isEqualTo("main");

        Resp commits = s.get("/graphs/knowledge/commits", bearer(AGENT));
        assertThat(commits.status()).isEqualTo(200);
        JsonNode list = commits.json().path("commits");
        assertThat(list.size()).isGreaterThanOrEqualTo(2);
        assertThat(list.get(0).path("graph_manifest_version").asLong())
                .isGreaterThan(list.get(1).path("graph_manifest_version").asLong());
        String id = list.get(0).path("graph_commit_id").asText();
        Resp one = s.get("/graphs/knowledge/commits/" + id, bearer(AGENT));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("graph_branch").asText()).isEqualTo("main");
        assertThat(s.get("/graphs/knowledge/commits/01ARZ3NDEKTSV4RRFFQ69G5FAV", bearer(AGENT)).error())
                .isEqualTo("commit '01ARZ3NDEKTSV4RRFFQ69G5FAV' not found");
        assertThat(s.get("/graphs/knowledge/commits/not-a-commit", bearer(AGENT)).status()).isEqualTo(404);

        Resp queries = s.get("/graphs/knowledge/queries", bearer(AGENT));
        assertThat(queries.status()).isEqualTo(200);
        List<String> names = ServeScenariosTest.names(queries.json().path("queries"), "name");
        assertThat(names).contains("find_person", "add_person", "who_works_on", "search_docs", "set_status")
                .isSorted();
        JsonNode add = null;
        for (JsonNode q : queries.json().path("queries")) {
            if (q.path("name").asText().equals("add_person")) {
                add = q;
            }
        }
        assertThat(add.path("tool_name").asText()).isEqualTo("add_person");
        assertThat(add.path("mutation").asBoolean()).isTrue();
        assertThat(add.path("description").asText()).isEqualTo("Add or replace a person.");
        assertThat(add.path("params").get(3).path("name").asText()).isEqualTo("team");
        assertThat(add.path("params").get(3).path("nullable").asBoolean()).isTrue();
        assertThat(add.path("params").get(3).path("kind").asText()).isEqualTo("string");
    }

    @Test
    void exportStreamsNdjson() {
        Resp all = s.post("/graphs/knowledge/export", "{}", bearer(RUTH));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(all.text().lines().count()).isEqualTo(32);
        Resp people = s.post("/graphs/knowledge/export", "{\"type_names\":[\"Person\"]}", bearer(RUTH));
        assertThat(people.text().lines()).hasSize(7).allMatch(l -> l.startsWith("{\"type\":\"Person\""));
        assertThat(s.post("/graphs/knowledge/export", "{\"type_names\":[\"Nope\"]}", bearer(RUTH)).status()).isEqualTo(404);
        assertThat(s.post("/graphs/knowledge/export", "{\"branch\":\"nope\"}", bearer(RUTH)).status()).isEqualTo(404);
        assertThat(s.post("/graphs/knowledge/export", "{}", bearer(AGENT)).status()).isEqualTo(403);
    }

    @Test
    void agentWorksOnItsOwnBranchOnly() {
        String branch = "agent-1/onboarding";
        Resp created = s.post("/graphs/knowledge/branches", "{\"name\":\"" + branch + "\"}", bearer(AGENT));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("from").asText()).isEqualTo("main");
        assertThat(created.json().path("actor_id").asText()).isEqualTo("agent-1");
        assertThat(s.post("/graphs/knowledge/branches", "{\"name\":\"" + branch + "\"}", bearer(AGENT)).status())
                .isEqualTo(409);
        int mainBefore = f.commitCount("knowledge", "main");

        Resp stored = s.post("/graphs/knowledge/queries/add_person", "{\"branch\":\"" + branch + "\",\"params\":"
                + "{\"slug\":\"nia\",\"name\":\"Nia\",\"role\":\"engineer\",\"team\":\"platform\"}}", bearer(AGENT));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().path("affected_nodes").asLong()).isEqualTo(1);
        assertThat(stored.json().path("commit").path("actor_id").asText()).isEqualTo("agent-1");
        assertThat(stored.json().path("commit").path("graph_branch").asText()).isEqualTo(branch);

        String inline = "{\"query\":\"query a($p: String, $j: String) { insert WorksOn { from: $p, to: $j } }\","
                + "\"params\":{\"p\":\"nia\",\"j\":\"atlas\"},\"branch\":\"" + branch + "\"}";
        Resp mutate = s.post("/graphs/knowledge/mutate", inline, bearer(AGENT));
        assertThat(mutate.status()).as(mutate.toString()).isEqualTo(200);
        assertThat(mutate.json().path("affected_edges").asLong()).isEqualTo(1);

        // main is protected: change denied at the HTTP gate, nothing written
        assertThat(s.post("/graphs/knowledge/queries/add_person", "{\"params\":{\"slug\":\"x\",\"name\":\"X\","
                + "\"role\":\"agent\"}}", bearer(AGENT)).status()).isEqualTo(403);
        assertThat(s.post("/graphs/knowledge/mutate", inline.replace(branch, "main"), bearer(AGENT)).status())
                .isEqualTo(403);
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(mainBefore);

        // preconditions
        String head = headCommit(branch);
        String upd = "{\"query\":\"query s($t: String) { update Person set { team: $t } where slug = \\\"nia\\\" }\","
                + "\"params\":{\"t\":\"agents\"},\"branch\":\"" + branch + "\"}";
        Resp stale = s.post("/graphs/knowledge/mutate/if-graph-commit", upd, bearer(AGENT)
                [0], bearer(AGENT)[1], "Omnigraph-If-Graph-Commit", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("precondition_failure").path("expected").asText()).isEqualTo("01ARZ3NDEKTSV4RRFFQ69G5FAV");
        assertThat(stale.json().path("precondition_failure").path("actual").asText()).isEqualTo(head);
        Resp fresh = s.post("/graphs/knowledge/mutate/if-graph-commit", upd, bearer(AGENT)[0], bearer(AGENT)[1],
                "Omnigraph-If-Graph-Commit", head);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(fresh.json().path("commit").path("parent_commit_id").asText()).isEqualTo(head);

        // the deprecated /change with the legacy field names
        Resp change = s.post("/graphs/knowledge/change", "{\"query_source\":\"query s($t: String) { update Person set"
                + " { team: $t } where slug = \\\"nia\\\" }\",\"params\":{\"t\":\"platform\"},\"branch\":\"" + branch
                + "\"}", bearer(AGENT));
        assertThat(change.status()).as(change.toString()).isEqualTo(200);
        assertThat(change.header("Deprecation")).contains("true");

        // an unknown query name in a mutation is a 400 with the compiler's message
        Resp bad = s.post("/graphs/knowledge/mutate", "{\"query\":\"query a() { insert Nope { x: 1 } }\",\"branch\":\""
                + branch + "\"}", bearer(AGENT));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("bad_request");

        // ruth (reviewer) deletes the branch; a second delete is 404
        assertThat(s.delete("/graphs/knowledge/branches/" + branch.replace("/", "%2F"), bearer(AGENT)).status())
                .isEqualTo(403);
        Resp deleted = s.delete("/graphs/knowledge/branches/" + branch.replace("/", "%2F"), bearer(RUTH));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("name").asText()).isEqualTo(branch);
        assertThat(s.delete("/graphs/knowledge/branches/" + branch.replace("/", "%2F"), bearer(RUTH)).status())
                .isEqualTo(404);
    }

    @Test
    void loadRoutes() {
        String people = "{\"type\":\"Person\",\"data\":{\"slug\":\"zed\",\"name\":\"Zed\",\"role\":\"engineer\"}}\n";
        Resp json = s.post("/graphs/knowledge/load", "{\"data\":" + quote(people) + ",\"branch\":\"load-json\","
                + "\"from\":\"main\",\"mode\":\"append\"}", bearer(ANDREW));
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.json().path("branch_created").asBoolean()).isTrue();
        assertThat(json.json().path("base_branch").asText()).isEqualTo("main");
        assertThat(json.json().path("uri").asText()).isEqualTo(f.dir + "/graphs/knowledge.omni");
        assertThat(json.json().path("nodes").get(0).path("entities_loaded").asLong()).isEqualTo(1);
        assertThat(json.json().path("commit").path("actor_id").asText()).isEqualTo("andrew");

        Resp conflict = s.post("/graphs/knowledge/load", "{\"data\":" + quote(people) + ",\"branch\":\"load-json\","
                + "\"mode\":\"append\"}", bearer(ANDREW));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().path("key_conflict").path("type_name").asText()).isEqualTo("Person");
        assertThat(conflict.json().path("key_conflict").path("entity_id").asText()).isEqualTo("zed");

        Resp ndjson = s.postRaw("/graphs/knowledge/load/ndjson?branch=load-json&mode=merge",
                people.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson", bearer(ANDREW)[0],
                bearer(ANDREW)[1]);
        assertThat(ndjson.status()).as(ndjson.toString()).isEqualTo(200);
        assertThat(ndjson.json().has("uri")).isFalse();
        Resp ingest = s.post("/graphs/knowledge/ingest", "{\"data\":" + quote(people) + ",\"branch\":\"load-json\"}",
                bearer(ANDREW));
        assertThat(ingest.status()).as(ingest.toString()).isEqualTo(200);
        assertThat(ingest.header("Deprecation")).contains("true");
        assertThat(ingest.json().path("mode").asText()).isEqualTo("merge");

        // a missing branch without `from` is 404
        assertThat(s.post("/graphs/knowledge/load", "{\"data\":" + quote(people) + ",\"branch\":\"ghost\"}",
                bearer(ANDREW)).status()).isEqualTo(404);

        // server-side keyed-write cap: more than 8,192 entities of one type in an append load is 413
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 8193; i++) {
            big.append("{\"type\":\"Project\",\"data\":{\"slug\":\"p").append(i).append("\",\"title\":\"P\",\"status\":\"active\"}}\n");
        }
        int before = f.commitCount("knowledge", "load-json");
        Resp tooMany = s.postRaw("/graphs/knowledge/load/ndjson?branch=load-json&mode=append",
                big.toString().getBytes(StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson",
                bearer(ANDREW)[0], bearer(ANDREW)[1]);
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(413);
        assertThat(tooMany.json().path("resource_limit").path("limit").asLong()).isEqualTo(8192);
        assertThat(f.commitCount("knowledge", "load-json")).isEqualTo(before);
    }

    @Test
    void schemaApplyIsGatedThenRefused() {
        String body = "{\"schema_source\":\"node X {\\n  a: String @key\\n}\\n\"}";
        assertThat(s.post("/graphs/knowledge/schema/apply", body, bearer(ANDREW)).status()).isEqualTo(409);
        assertThat(s.post("/graphs/knowledge/schema/apply", body, bearer(RUTH)).status()).isEqualTo(403);
        assertThat(s.post("/graphs/assets/schema/apply", body, bearer(ANDREW)).status()).isEqualTo(403);
    }

    @Test
    void blobDelivery() {
        String base = "/graphs/assets/blob?entity=node&type=Asset&property=data&id=";
        Resp full = s.get(base + "logo", bearer(AGENT));
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(PIXELS);
        String etag = full.header("ETag").orElseThrow();
        assertThat(full.header("Omnigraph-Snapshot-Id")).isPresent();
        Resp range = s.get(base + "logo", bearer(AGENT)[0], bearer(AGENT)[1], "Range", "bytes=2-5");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.text()).isEqualTo("2345");
        assertThat(s.get(base + "logo", bearer(AGENT)[0], bearer(AGENT)[1], "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(s.http.head(base + "logo", bearer(AGENT)).status()).isEqualTo(200);
        Resp snapshot = s.get(base + "logo&snapshot=" + full.header("Omnigraph-Snapshot-Id").orElseThrow(), bearer(AGENT));
        assertThat(snapshot.body()).isEqualTo(PIXELS);
        Resp redirect = s.get(base + "cdn", bearer(AGENT));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).contains("https://cdn.example.com/assets/cdn.png");
        Resp refused = s.get(base + "elsewhere", bearer(AGENT));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("server_safe");
        assertThat(s.get(base + "empty", bearer(AGENT)).status()).isEqualTo(404);
        assertThat(s.get(base + "nobody", bearer(AGENT)).status()).isEqualTo(404);
        assertThat(s.get("/graphs/assets/blob?entity=node&type=Asset&property=slug&id=logo", bearer(AGENT)).status())
                .isEqualTo(400);
        // no bundle is bound to `assets`: in PolicyEnabled mode it is read-only for every authenticated actor
        assertThat(s.get(base + "logo", bearer(OUTSIDER)).status()).isEqualTo(200);
        assertThat(s.post("/graphs/assets/load", "{\"data\":\"\"}", bearer(ANDREW)).status()).isEqualTo(403);
    }

    @Test
    void readQueries() {
        String q = "query q($team: String) { match { $p: Person { team: $team } } return { $p.slug, $p.name } order { $p.slug asc } }";
        Resp query = s.post("/graphs/knowledge/query", "{\"query\":" + quote(q) + ",\"params\":{\"team\":\"platform\"}}",
                bearer(AGENT));
        assertThat(query.status()).as(query.toString()).isEqualTo(200);
        JsonNode out = query.json();
        assertThat(out.path("query_name").asText()).isEqualTo("q");
        assertThat(out.path("target").path("branch").asText()).isEqualTo("main");
        assertThat(out.path("columns").toString()).isEqualTo("[\"p.slug\",\"p.name\"]");
        assertThat(out.path("row_count").asLong()).isEqualTo(out.path("rows").size()).isGreaterThanOrEqualTo(3);
        List<String> slugs = ServeScenariosTest.names(out.path("rows"), "p.slug");
        assertThat(slugs).contains("ruth", "sam", "lee").isSorted();
        String commit = out.path("graph_commit_id").asText();
        assertThat(commit).isEqualTo(headCommit("main"));

        // the deprecated /read: same rows, legacy body, deprecation headers
        Resp read = s.post("/graphs/knowledge/read", "{\"query_source\":" + quote(q) + ",\"params\":{\"team\":\"platform\"}}",
                bearer(AGENT));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Deprecation")).contains("true");
        assertThat(read.json().has("graph_commit_id")).isFalse();
        assertThat(read.json().path("rows")).isEqualTo(out.path("rows"));

        // time travel: a snapshot id is a commit id; the read is gated on the snapshot's branch
        Resp at = s.post("/graphs/knowledge/query", "{\"query\":" + quote(q) + ",\"params\":{\"team\":\"platform\"},"
                + "\"snapshot\":\"" + commit + "\"}", bearer(AGENT));
        assertThat(at.status()).as(at.toString()).isEqualTo(200);
        assertThat(at.json().path("target").path("snapshot").asText()).isEqualTo(commit);
        assertThat(s.post("/graphs/knowledge/query", "{\"query\":" + quote(q) + ",\"snapshot\":\"01ARZ3NDEKTSV4RRFFQ69G5FAV\"}",
                bearer(AGENT)).status()).isEqualTo(404);

        // stored reads
        Resp stored = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"Ruth\"}}", bearer(AGENT));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().path("row_count").asLong()).isEqualTo(1);
        assertThat(stored.json().path("rows").get(0).path("p.slug").asText()).isEqualTo("ruth");
        Resp works = s.post("/graphs/knowledge/queries/who_works_on", "{\"params\":{\"project\":\"atlas\"}}", bearer(AGENT));
        assertThat(works.status()).as(works.toString()).isEqualTo(200);
        assertThat(works.json().path("row_count").asLong()).isGreaterThan(0);
        Resp noBody = s.post("/graphs/knowledge/queries/project_load", "", bearer(AGENT));
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(200);

        // errors: a mutation on /query, a parameter of the wrong type, search without a search engine
        assertThat(s.post("/graphs/knowledge/query", "{\"query\":\"query m() { insert Person { slug: \\\"x\\\", name: \\\"X\\\","
                + " role: \\\"agent\\\" } }\"}", bearer(ANDREW)).status()).isEqualTo(400);
        Resp badParam = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":7}}", bearer(AGENT));
        assertThat(badParam.status()).isEqualTo(400);
        assertThat(badParam.error()).contains("name");
        Resp search = s.post("/graphs/knowledge/queries/search_docs", "{\"params\":{\"q\":\"parquet\"}}", bearer(AGENT));
        assertThat(search.status()).as(search.toString()).isEqualTo(400);
        assertThat(search.error()).startsWith("query: ");
        assertThat(s.post("/graphs/knowledge/query", "{\"query\":\"query q() { match { $p: Nope } return { $p.x } }\"}",
                bearer(AGENT)).status()).isEqualTo(400);
    }

    /** Every per-graph operation: no token ⇒ 401, wrong token ⇒ 401, a known actor the bundle denies ⇒ 403 (404 where the spec hides existence). */
    @Test
    void authCasesOnEveryRoute() {
        String id = headCommit("main");
        record Op(String method, String path, String body, int outsider) {
        }
        List<Op> ops = List.of(
                new Op("GET", "/graphs", null, 403),
                new Op("GET", "/graphs/knowledge/snapshot", null, 403),
                new Op("POST", "/graphs/knowledge/query", "{\"query\":\"query q() { match { $p: Person } return { $p.name } }\"}", 403),
                new Op("POST", "/graphs/knowledge/read", "{\"query_source\":\"query q() { match { $p: Person } return { $p.name } }\"}", 403),
                new Op("POST", "/graphs/knowledge/mutate", "{\"query\":\"query q() { insert Person { slug: \\\"o\\\", name: \\\"O\\\", role: \\\"agent\\\" } }\"}", 403),
                new Op("POST", "/graphs/knowledge/change", "{\"query\":\"query q() { insert Person { slug: \\\"o\\\", name: \\\"O\\\", role: \\\"agent\\\" } }\"}", 403),
                new Op("POST", "/graphs/knowledge/export", "{}", 403),
                new Op("GET", "/graphs/knowledge/queries", null, 403),
                new Op("POST", "/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"x\"}}", 404),
                new Op("GET", "/graphs/knowledge/schema", null, 403),
                new Op("POST", "/graphs/knowledge/schema/apply", "{\"schema_source\":\"node X { a: String @key }\"}", 403),
                new Op("POST", "/graphs/knowledge/load", "{\"data\":\"\"}", 403),
                new Op("POST", "/graphs/knowledge/ingest", "{\"data\":\"\"}", 403),
                new Op("GET", "/graphs/knowledge/branches", null, 403),
                new Op("POST", "/graphs/knowledge/branches", "{\"name\":\"outsider\"}", 403),
                new Op("DELETE", "/graphs/knowledge/branches/x", null, 403),
                new Op("POST", "/graphs/knowledge/branches/merge", "{\"source\":\"x\"}", 403),
                new Op("GET", "/graphs/knowledge/commits", null, 403),
                new Op("GET", "/graphs/knowledge/commits/" + id, null, 403),
                new Op("GET", "/graphs/knowledge/commits/" + id + "/changes", null, 404),
                new Op("GET", "/graphs/knowledge/changes", null, 403),
                new Op("POST", "/graphs/knowledge/changes/baseline", "{}", 403),
                new Op("GET", "/graphs/assets/blob?entity=node&type=Asset&id=logo&property=data", null, 200),
                new Op("POST", "/admin/reload", "", 403),
                new Op("GET", "/admin/status", null, 403));
        int before = f.commitCount("knowledge", "main");
        List<String> problems = new ArrayList<>();
        for (Op op : ops) {
            for (String[] auth : List.<String[]>of(new String[0], bearer("wrong-token"), bearer(OUTSIDER))) {
                HttpRequest.BodyPublisher body = op.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(op.body());
                String[] headers = op.body() == null ? auth : concat(auth, "Content-Type", "application/json");
                Resp r = s.http.send(op.method(), op.path(), body, headers);
                int expected = auth.length == 0 || auth[1].endsWith("wrong-token") ? 401 : op.outsider();
                String error = auth.length == 0 ? "missing bearer token" : auth[1].endsWith("wrong-token")
                        ? "invalid bearer token" : null;
                if (r.status() != expected || (error != null && !r.error().equals(error))) {
                    problems.add(op.method() + " " + op.path() + " with " + (auth.length == 0 ? "no token" : auth[1])
                            + ": expected " + expected + ", got " + r);
                }
                if (expected == 401 && r.header("WWW-Authenticate").isEmpty()) {
                    problems.add(op.method() + " " + op.path() + ": 401 without WWW-Authenticate");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(before);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
