package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * cluster-server.md §8 scenarios 26–30 over real HTTP, against clusters applied by the real control plane over the
 * real engine, with real Cedar. Every response is validated against openapi.json.
 */
class ServeScenariosTest {
    @TempDir
    Path tmp;

    static final String ADD_PERSON = "query add_person($name: String, $age: I32?) {\n"
            + "    insert Person { name: $name, age: $age }\n}\n";

    /** F plus a stored mutation, and the given bundle bound to knowledge (none when {@code bundle} is null). */
    private ClusterFixture withBundle(String bundle) {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false);
        f.write("people_write.gq", ADD_PERSON);
        String yaml = ClusterFixture.F_NO_POLICIES.replace("      find_person: { file: ./people.gq }\n",
                "      find_person: { file: ./people.gq }\n      add_person: { file: ./people_write.gq }\n");
        if (bundle != null) {
            f.write("base.policy.yaml", bundle);
            yaml += ClusterFixture.F_POLICIES;
        }
        f.write("cluster.yaml", yaml);
        return f.converge();
    }

    static String bundle(String... actions) {
        return "version: 1\ngroups:\n  team: [andrew]\nrules:\n  - id: team-rule\n    allow:\n      actors: { group: team }\n"
                + "      actions: [" + String.join(", ", actions) + "]\n";
    }

    @Test
    void scenario26ServeTheAppliedState() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("f"), false).converge();
        try (Served s = f.serve(true, Map.of())) {
            assertThat(s.server.http().listenAddressLine()).matches("OMNIGRAPH_LISTEN_ADDR=127\\.0\\.0\\.1:\\d+");
            assertThat(s.get("/graphs").status()).isEqualTo(403);
            Resp queries = s.get("/graphs/knowledge/queries");
            assertThat(queries.status()).isEqualTo(200);
            assertThat(names(queries.json().path("queries"), "name")).containsExactly("find_person");
            Resp invoke = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"nobody\"}}");
            assertThat(invoke.status()).as(invoke.toString()).isEqualTo(200);
            assertThat(invoke.json().path("row_count").asLong()).isZero();
            Resp health = s.get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");
            assertThat(s.post("/query", "{\"query\":\"x\"}").status()).isEqualTo(404);
            assertThat(s.post("/graphs/nope/query", "{\"query\":\"x\"}").status()).isEqualTo(404);
        }

        // F's policy block kept: a bundle without tokens refuses to start
        ClusterFixture p = ClusterFixture.peopleF(tmp.resolve("p"), true).converge();
        assertThat(ClusterFixture.refusal(p.options(true, Map.of()))).contains("policy file is configured but no bearer tokens");
        // with a token for andrew: F's bundle grants only `change`
        try (Served s = p.serve(false, Map.of("andrew", "t"))) {
            assertThat(s.get("/graphs/knowledge/queries", bearer("t")).status()).isEqualTo(403);
            Resp invoke = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"nobody\"}}", bearer("t"));
            assertThat(invoke.status()).isEqualTo(404);
            assertThat(invoke.error()).isEqualTo("stored query not found");
        }
        // … until the bundle also grants read and invoke_query
        p.write("base.policy.yaml", ClusterFixture.BASE_POLICY.replace("actions: [change]", "actions: [change, read, invoke_query]"));
        p.converge();
        try (Served s = p.serve(false, Map.of("andrew", "t"))) {
            assertThat(s.get("/graphs/knowledge/queries", bearer("t")).status()).isEqualTo(200);
            Resp invoke = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"nobody\"}}", bearer("t"));
            assertThat(invoke.status()).as(invoke.toString()).isEqualTo(200);
        }
    }

    @Test
    void scenario27BootRefusals() {
        // tampered query blob
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("f"), false).converge();
        String blob = "__cluster/resources/query/knowledge/find_person/" + sha256(ClusterFixture.PEOPLE_GQ) + ".gq";
        f.write(blob, "query tampered() { match { $p: Person } return { $p.name } }\n");
        assertThat(ClusterFixture.refusal(f.options(true, Map.of())))
                .startsWith("the cluster at '" + f.dir + "' is not ready to serve:")
                .contains("[catalog_payload_digest_mismatch]").contains("cluster refresh");
        f.write(blob, ClusterFixture.PEOPLE_GQ);

        // empty dir
        ClusterFixture empty = new ClusterFixture(tmp.resolve("empty"));
        assertThat(ClusterFixture.refusal(empty.options(true, Map.of()))).contains("[cluster_state_missing]");

        // a valid sidecar for the only graph
        f.write("__cluster/recoveries/01AAAAAAAAAAAAAAAAAAAAAAAA.json", "{\"schema_version\":1,\"operation_id\":"
                + "\"01AAAAAAAAAAAAAAAAAAAAAAAA\",\"kind\":\"schema_apply\",\"graph_id\":\"knowledge\"}");
        assertThat(ClusterFixture.refusal(f.options(true, Map.of()))).contains("[cluster_no_healthy_graphs]");

        // two graphs, one quarantined: boots; /graphs lists only the healthy one; the quarantined graph 404s
        ClusterFixture two = ClusterFixture.peopleF(tmp.resolve("two"), false);
        two.write("eng.pg", "node Service {\n    name: String @key\n}\n");
        two.write("server.policy.yaml", "version: 1\ngroups:\n  ops: [andrew]\nrules:\n  - id: ops-list\n    allow:\n"
                + "      actors: { group: ops }\n      actions: [graph_list]\n");
        two.write("cluster.yaml", ClusterFixture.F_NO_POLICIES + "  engineering:\n    schema: ./eng.pg\n"
                + "policies:\n  server:\n    file: ./server.policy.yaml\n    applies_to: [cluster]\n");
        two.converge();
        two.write("__cluster/recoveries/01BBBBBBBBBBBBBBBBBBBBBBBB.json", "{\"schema_version\":1,\"operation_id\":"
                + "\"01BBBBBBBBBBBBBBBBBBBBBBBB\",\"kind\":\"schema_apply\",\"graph_id\":\"engineering\"}");
        try (Served s = two.serve(false, Map.of("andrew", "t"))) {
            Resp graphs = s.get("/graphs", bearer("t"));
            assertThat(graphs.status()).isEqualTo(200);
            assertThat(names(graphs.json().path("graphs"), "graph_id")).containsExactly("knowledge");
            Resp q = s.get("/graphs/engineering/snapshot", bearer("t"));
            assertThat(q.status()).isEqualTo(404);
            assertThat(q.error()).isEqualTo("graph 'engineering' not found");
            assertThat(s.get("/graphs/knowledge/snapshot", bearer("t")).status()).isEqualTo(200);
        }
        // same with --require-all-graphs: refuses
        String strict = ClusterFixture.refusal(two.options(false, Map.of("andrew", "t")).withConfig(
                c -> c.withRequireAllGraphs(true)));
        assertThat(strict).contains("[cluster_recovery_pending] graph.engineering").contains("--require-all-graphs");
    }

    @Test
    void scenario28AuthStates() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("f"), false).converge();
        try (Served s = f.serve(false, Map.of("act-reader", "s3cret"))) {
            assertThat(s.get("/graphs/knowledge/snapshot", bearer("s3cret")).status()).isEqualTo(200);
            Resp mutate = s.post("/graphs/knowledge/mutate", "{\"query\":\"" + ADD_PERSON.replace("\n", " ")
                    .replace("\"", "\\\"") + "\",\"params\":{\"name\":\"x\"}}", bearer("s3cret"));
            assertThat(mutate.status()).isEqualTo(403);
            Resp none = s.get("/graphs/knowledge/snapshot");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.error()).isEqualTo("missing bearer token");
            Resp wrong = s.get("/graphs/knowledge/snapshot", bearer("nope"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("invalid bearer token");
        }
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(1);
        ClusterFixture p = ClusterFixture.peopleF(tmp.resolve("p"), true).converge();
        assertThat(ClusterFixture.refusal(p.options(false, Map.of()))).contains("no bearer tokens");
        assertThat(ClusterFixture.refusal(f.options(false, Map.of()))).contains("--unauthenticated");
    }

    @Test
    void scenario29StoredQueryGating() {
        ClusterFixture f = withBundle(bundle("read"));
        try (Served s = f.serve(false, Map.of("andrew", "t"))) {
            Resp known = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"a\"}}", bearer("t"));
            Resp unknown = s.post("/graphs/knowledge/queries/nope", "{\"params\":{\"name\":\"a\"}}", bearer("t"));
            assertThat(known.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(known.text()).isEqualTo(unknown.text());
            assertThat(known.error()).isEqualTo("stored query not found");
        }
        f.write("base.policy.yaml", bundle("invoke_query"));
        f.converge();
        try (Served s = f.serve(false, Map.of("andrew", "t"))) {
            assertThat(s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"a\"}}", bearer("t"))
                    .status()).isEqualTo(403);
        }
        f.write("base.policy.yaml", bundle("invoke_query", "read"));
        f.converge();
        int before = f.commitCount("knowledge", "main");
        try (Served s = f.serve(false, Map.of("andrew", "t"))) {
            assertThat(s.post("/graphs/knowledge/queries/add_person", "{\"params\":{\"name\":\"a\"}}", bearer("t"))
                    .status()).isEqualTo(403);
            Resp wrongKind = s.post("/graphs/knowledge/queries/find_person",
                    "{\"params\":{\"name\":\"a\"},\"expect_mutation\":true}", bearer("t"));
            assertThat(wrongKind.status()).isEqualTo(400);
            assertThat(wrongKind.error()).isEqualTo("'find_person' is a read — use omnigraph query find_person");
        }
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(before);
        // with change granted, the stored mutation runs and lands one commit attributed to the token's actor
        f.write("base.policy.yaml", bundle("invoke_query", "read", "change"));
        f.converge();
        try (Served s = f.serve(false, Map.of("andrew", "t"))) {
            Resp ok = s.post("/graphs/knowledge/queries/add_person", "{\"params\":{\"name\":\"Ada\",\"age\":36},"
                    + "\"actor_id\":\"mallory\"}", bearer("t"));
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            JsonNode out = ok.json();
            assertThat(out.path("affected_nodes").asLong()).isEqualTo(1);
            assertThat(out.path("actor_id").asText()).isEqualTo("andrew");
            assertThat(out.path("commit").path("actor_id").asText()).isEqualTo("andrew");
        }
        assertThat(f.commitCount("knowledge", "main")).isEqualTo(before + 1);
    }

    @Test
    void scenario30SchemaApplyOverHttpInClusterMode() {
        ClusterFixture f = withBundle("version: 1\ngroups:\n  admins: [andrew]\n  readers: [ruth]\nrules:\n"
                + "  - id: admins-schema\n    allow:\n      actors: { group: admins }\n      actions: [schema_apply, read]\n"
                + "  - id: readers-read\n    allow:\n      actors: { group: readers }\n      actions: [read]\n");
        try (Served s = f.serve(false, Map.of("andrew", "ta", "ruth", "tr"))) {
            String body = "{\"schema_source\":\"node Person {\\n name: String @key\\n}\\n\"}";
            Resp admin = s.post("/graphs/knowledge/schema/apply", body, bearer("ta"));
            assertThat(admin.status()).isEqualTo(409);
            assertThat(admin.error()).isEqualTo("server-side schema apply is disabled for cluster-backed serving; update"
                    + " the cluster config, run `omnigraph cluster apply`, and restart");
            Resp reader = s.post("/graphs/knowledge/schema/apply", body, bearer("tr"));
            assertThat(reader.status()).isEqualTo(403);
        }
        assertThat(f.read("people.pg")).isEqualTo(ClusterFixture.PEOPLE_PG);
        try (var g = f.openGraph("knowledge")) {
            assertThat(g.schemaSource(java.util.Optional.empty(), "main")).isEqualTo(ClusterFixture.PEOPLE_PG);
        }
    }

    static java.util.List<String> names(JsonNode array, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
