package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot refusals (each code of the operator guide's boot-error table) and per-graph quarantine (pending sidecar,
 * unopenable root, stored query broken by a schema change, unresolvable embedding key, graph id outside the server
 * rule): the quarantined graph 404s and is reported, healthy graphs serve, strict mode refuses.
 */
class BootAndQuarantineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENG_PG = "node Service {\n    name: String @key\n}\n";

    @TempDir
    Path tmp;

    /** F (knowledge) plus an {@code engineering} graph, no policies. */
    private ClusterFixture twoGraphs(String extraGraphYaml) {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false);
        f.write("eng.pg", ENG_PG);
        f.write("cluster.yaml", ClusterFixture.F_NO_POLICIES + "  engineering:\n    schema: ./eng.pg\n" + extraGraphYaml);
        return f.converge();
    }

    private static void assertQuarantined(Served s, String graph, String code, String reasonPart) {
        Resp q = s.get("/graphs/" + graph + "/snapshot");
        assertThat(q.status()).isEqualTo(404);
        assertThat(q.error()).isEqualTo("graph '" + graph + "' not found");
        Resp status = s.post("/admin/reload", "");
        assertThat(status.status()).isEqualTo(200);
        Resp st = s.get("/admin/status");
        JsonNode entry = null;
        for (JsonNode e : st.json().path("quarantined")) {
            if (e.path("graph_id").asText().equals(graph)) {
                entry = e;
            }
        }
        assertThat(entry).as(st.text()).isNotNull();
        assertThat(entry.path("code").asText()).isEqualTo(code);
        assertThat(entry.path("reason").asText()).contains(reasonPart);
        assertThat(st.json().path("graphs").toString()).doesNotContain("\"" + graph + "\"");
    }

    private ObjectNode state(ClusterFixture f) {
        try {
            return (ObjectNode) JSON.readTree(f.read("__cluster/state.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeState(ClusterFixture f, JsonNode state) {
        f.write("__cluster/state.json", state.toPrettyString());
    }

    @Test
    void bootErrorTable() {
        // cluster_state_missing
        assertThat(ClusterFixture.refusal(new ClusterFixture(tmp.resolve("empty")).options(true, Map.of())))
                .contains("[cluster_state_missing]").contains("cluster import");

        // catalog_payload_missing
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("f"), true).converge();
        String blob = "__cluster/resources/query/knowledge/find_person/" + ServeScenariosTest.sha256(ClusterFixture.PEOPLE_GQ) + ".gq";
        f.delete(blob);
        assertThat(ClusterFixture.refusal(f.options(false, Map.of("andrew", "t"))))
                .contains("[catalog_payload_missing] query.knowledge.find_person").contains("cluster refresh");
        f.write(blob, ClusterFixture.PEOPLE_GQ);

        // policy_bindings_missing (a ledger from before binding metadata)
        ObjectNode st = state(f);
        ObjectNode base = (ObjectNode) st.path("applied_revision").path("resources").path("policy.base");
        JsonNode bindings = base.remove("applies_to");
        writeState(f, st);
        assertThat(ClusterFixture.refusal(f.options(false, Map.of("andrew", "t"))))
                .contains("[policy_bindings_missing] policy.base").contains("re-run `cluster apply`");

        // multiple bundles on one scope
        base.set("applies_to", bindings);
        ((ObjectNode) st.path("applied_revision").path("resources")).set("policy.other", base.deepCopy());
        writeState(f, st);
        String digest = base.path("digest").asText();
        f.write("__cluster/resources/policy/other/" + digest + ".yaml", f.read("__cluster/resources/policy/base/" + digest + ".yaml"));
        assertThat(ClusterFixture.refusal(f.options(false, Map.of("andrew", "t"))))
                .contains("multiple policy bundles bind `graph.knowledge`").contains("one bundle per scope");

        // cluster_empty
        ClusterFixture none = new ClusterFixture(tmp.resolve("none"));
        none.write("__cluster/state.json", "{\"version\":1,\"state_revision\":1,\"applied_revision\":{\"resources\":{}}}");
        assertThat(ClusterFixture.refusal(none.options(true, Map.of()))).contains("[cluster_empty]");

        // an unreadable ledger
        none.write("__cluster/state.json", "{not json");
        assertThat(ClusterFixture.refusal(none.options(true, Map.of()))).contains("the cluster at '" + none.dir
                + "' is not ready to serve:").contains("[invalid_state_json]");
    }

    @Test
    void pendingSidecarQuarantinesOneGraph() {
        ClusterFixture f = twoGraphs("");
        f.write("__cluster/recoveries/01BBBBBBBBBBBBBBBBBBBBBBBB.json", "{\"schema_version\":1,\"operation_id\":"
                + "\"01BBBBBBBBBBBBBBBBBBBBBBBB\",\"kind\":\"schema_apply\",\"graph_id\":\"engineering\"}");
        try (Served s = f.serve(true, Map.of())) {
            assertQuarantined(s, "engineering", "cluster_recovery_pending", "awaits recovery");
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200);
        }
    }

    @Test
    void unopenableRootQuarantinesOneGraph() {
        ClusterFixture f = twoGraphs("");
        f.write("graphs/engineering.omni/graph.json", "{garbage");
        try (Served s = f.serve(true, Map.of())) {
            assertQuarantined(s, "engineering", "graph_root_unopenable", "cluster apply");
            assertThat(s.get("/graphs/knowledge/queries").status()).isEqualTo(200);
        }
        String strict = ClusterFixture.refusal(f.options(true, Map.of()).withConfig(c -> c.withRequireAllGraphs(true)));
        assertThat(strict).contains("[graph_root_unopenable] graph.engineering").contains("--require-all-graphs");
    }

    @Test
    void storedQueryBrokenByTheLiveSchemaQuarantinesTheGraph() {
        ClusterFixture f = twoGraphs("");
        // out-of-band: drop `age`, which find_person returns
        try (var g = f.openGraph("knowledge")) {
            g.applySchema(Optional.empty(), "node Person {\n    name: String @key\n}\n", false);
        }
        try (Served s = f.serve(true, Map.of())) {
            assertQuarantined(s, "knowledge", "query_registry_invalid", "find_person");
            assertThat(s.get("/graphs/engineering/snapshot").status()).isEqualTo(200);
        }
    }

    @Test
    void unresolvableEmbeddingKeyQuarantinesTheGraph() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false);
        f.write("eng.pg", ENG_PG);
        f.write("cluster.yaml", ClusterFixture.F_NO_POLICIES.replace("graphs:\n", "providers:\n  embedding:\n"
                + "    remote: { kind: openai, api_key: \"${OMNIGRAPH_TEST_EMBED_KEY}\" }\ngraphs:\n")
                + "    embedding_provider: remote\n  engineering:\n    schema: ./eng.pg\n");
        f.converge();
        try (Served s = f.serve(true, Map.of())) {
            assertQuarantined(s, "knowledge", "embedding_provider_unresolved", "OMNIGRAPH_TEST_EMBED_KEY");
        }
        try (Served s = f.serve(true, Map.of(), o -> o.withEnv(Env.of(Map.of("OMNIGRAPH_TEST_EMBED_KEY", "sk-test"))))) {
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200);
            EngineGraphService g = s.server.cluster().runtime().services().get("knowledge");
            assertThat(g.embedding()).isPresent();
            assertThat(g.embedding().get().apiKey()).contains("sk-test");
            assertThat(g.embedding().get().toString()).doesNotContain("sk-test");
            assertThat(g.embedding().get().baseUrl()).isEqualTo("https://api.openai.com/v1");
        }
    }

    /** cluster validate enforces the server's id rule; a ledger that names another id (older tool, hand edit) quarantines it. */
    @Test
    void graphIdOutsideTheServerRuleIsQuarantined() {
        ClusterFixture f = twoGraphs("");
        ObjectNode st = state(f);
        ObjectNode resources = (ObjectNode) st.path("applied_revision").path("resources");
        resources.set("graph.my_graph", resources.path("graph.engineering").deepCopy());
        writeState(f, st);
        try (Served s = f.serve(true, Map.of())) {
            Resp status = s.get("/admin/status");
            JsonNode q = status.json().path("quarantined");
            assertThat(q.size()).as(status.text()).isEqualTo(1);
            assertThat(q.get(0).path("graph_id").asText()).isEqualTo("my_graph");
            assertThat(q.get(0).path("code").asText()).isEqualTo("invalid_resource_id");
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200);
            assertThat(s.get("/graphs/my_graph/snapshot").status()).isEqualTo(400);
        }
    }

    @Test
    void authRefusalsAreBootFailures() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        assertThat(ClusterFixture.refusal(f.options(false, Map.of()))).contains("--unauthenticated");
    }
}
