package io.omnigraph.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.graph.GraphObservation;
import io.omnigraph.cluster.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.omnigraph.cluster.Fixture.change;
import static io.omnigraph.cluster.Fixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec §8 scenarios 4–22 against the real engine on a local storage root. */
class LifecycleTest {
    @TempDir
    Path tmp;
    Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture(tmp);
    }

    @Test
    void validateOkReportsResourcesAndDependencies() {
        JsonNode v = f.validate();
        assertThat(v.path("ok").asBoolean()).as(v.toPrettyString()).isTrue();
        assertThat(v.path("resource_digests").has("graph.knowledge")).isTrue();
        assertThat(v.path("resource_digests").has("query.knowledge.find_person")).isTrue();
        assertThat(v.path("dependencies").get(0).toString()).isEqualTo("{\"from\":\"policy.base\",\"to\":\"graph.knowledge\"}");
        assertThat(v.path("resource_digests").path("schema.knowledge").asText()).isEqualTo(CanonicalJson.sha256Hex(Fixture.PEOPLE_PG));
    }

    @Test
    void statusWithoutStateIsAWarning() {
        JsonNode s = f.status();
        assertThat(s.path("ok").asBoolean()).isTrue();
        assertThat(s.path("state_observations").path("state_found").asBoolean()).isFalse();
        assertThat(codes(s)).contains("state_missing");
    }

    @Test
    void planReadsStateAndReportsCasAndLock() {
        f.write("__cluster/state.json", "{\"version\":1,\"state_revision\":9,\"applied_revision\":{\"config_digest\":\"old\","
                + "\"resources\":{\"graph.knowledge\":{\"digest\":\"old-graph\"},\"policy.old\":{\"digest\":\"old-policy\"}}}}");
        JsonNode p = f.plan();
        assertThat(p.path("ok").asBoolean()).as(p.toPrettyString()).isTrue();
        JsonNode obs = p.path("state_observations");
        assertThat(obs.path("state_found").asBoolean()).isTrue();
        assertThat(obs.path("state_revision").asLong()).isEqualTo(9);
        assertThat(obs.path("state_cas").asText()).startsWith("sha256:");
        assertThat(obs.path("locked").asBoolean()).isFalse();
        assertThat(obs.path("lock_acquired").asBoolean()).isTrue();
        assertThat(obs.path("acquired_lock_id").isTextual()).isTrue();
        assertThat(change(p, "policy.old").path("operation").asText()).isEqualTo("delete");
        assertThat(f.exists("__cluster/lock.json")).isFalse();
    }

    @Test
    void heldLockBlocksEveryLockingCommandAndForceUnlockNeedsTheExactId() {
        f.write("__cluster/lock.json", "{\"version\":1,\"lock_id\":\"held-lock\",\"operation\":\"plan\","
                + "\"created_at\":\"1970-01-01T00:00:00Z\",\"pid\":123}");
        for (JsonNode r : List.of(f.plan(), f.refresh(), f.importState(), f.apply())) {
            assertThat(r.path("ok").asBoolean()).isFalse();
            JsonNode obs = r.path("state_observations");
            assertThat(obs.path("locked").asBoolean()).isTrue();
            assertThat(obs.path("lock_acquired").asBoolean()).isFalse();
            assertThat(obs.path("lock_id").asText()).isEqualTo("held-lock");
            assertThat(obs.path("lock_pid").asLong()).isEqualTo(123);
            assertThat(obs.path("lock_age_seconds").isNumber()).isTrue();
            assertThat(r.path("diagnostics").toString()).contains("state_lock_held").contains("force-unlock held-lock");
        }
        assertThat(f.exists("__cluster/resources")).isFalse();
        JsonNode st = f.status();
        assertThat(st.path("ok").asBoolean()).isTrue();
        assertThat(st.path("state_observations").path("lock_id").asText()).isEqualTo("held-lock");

        JsonNode wrong = f.forceUnlock("other-lock").json();
        assertThat(wrong.path("ok").asBoolean()).isFalse();
        assertThat(wrong.path("lock_removed").asBoolean()).isFalse();
        assertThat(codes(wrong)).contains("state_lock_id_mismatch");
        assertThat(f.exists("__cluster/lock.json")).isTrue();
        JsonNode right = f.forceUnlock("held-lock").json();
        assertThat(right.path("ok").asBoolean()).isTrue();
        assertThat(right.path("lock_removed").asBoolean()).isTrue();
        assertThat(f.exists("__cluster/lock.json")).isFalse();
        assertThat(f.plan().path("ok").asBoolean()).isTrue();
        assertThat(codes(f.forceUnlock("held-lock").json())).contains("state_lock_missing");
    }

    @Test
    void importObservesAnExistingGraphAndIsIdempotent() throws Exception {
        f.plane.init(f.graphRoot("knowledge"), Fixture.PEOPLE_PG, java.util.Optional.empty());
        JsonNode i = f.importState();
        assertThat(i.path("ok").asBoolean()).as(i.toPrettyString()).isTrue();
        assertThat(i.path("operation").asText()).isEqualTo("import");
        assertThat(i.path("state_observations").path("state_revision").asLong()).isEqualTo(1);
        assertThat(i.path("observations").path("graph.knowledge").path("graph_manifest_version").isNumber()).isTrue();
        assertThat(i.path("resource_statuses").path("graph.knowledge").path("status").asText()).isEqualTo("applied");
        assertThat(f.exists("__cluster/state.json")).isTrue();
        assertThat(f.exists("__cluster/lock.json")).isFalse();
        String before = f.read("__cluster/state.json");
        JsonNode again = f.importState();
        assertThat(again.path("ok").asBoolean()).isTrue();
        assertThat(codes(again)).contains("state_already_exists");
        assertThat(f.read("__cluster/state.json")).isEqualTo(before);
        f.delete("__cluster/state.json");
        assertThat(codes(f.refresh())).contains("state_missing");
    }

    @Test
    void refreshBumpsTheRevision() throws Exception {
        f.plane.init(f.graphRoot("knowledge"), Fixture.PEOPLE_PG, java.util.Optional.empty());
        f.write("__cluster/state.json", "{\"version\":1,\"state_revision\":2,\"applied_revision\":{\"resources\":{}}}");
        JsonNode r = f.refresh();
        assertThat(r.path("ok").asBoolean()).as(r.toPrettyString()).isTrue();
        assertThat(r.path("state_observations").path("state_revision").asLong()).isEqualTo(3);
        assertThat(f.exists("__cluster/lock.json")).isFalse();
    }

    @Test
    void applyRequiresState() {
        JsonNode a = f.apply();
        assertThat(a.path("ok").asBoolean()).isFalse();
        assertThat(codes(a)).contains("state_missing");
        assertThat(f.exists("__cluster/resources")).isFalse();
    }

    @Test
    void lifecycleFromAnInitialisedGraph() throws Exception {
        f.plane.init(f.graphRoot("knowledge"), Fixture.PEOPLE_PG, java.util.Optional.empty());
        f.importState();
        JsonNode p = f.plan();
        assertThat(p.path("changes")).hasSize(3);
        assertThat(change(p, "graph.knowledge").path("disposition").asText()).isEqualTo("derived");
        assertThat(change(p, "query.knowledge.find_person").path("disposition").asText()).isEqualTo("applied");
        assertThat(change(p, "policy.base").path("disposition").asText()).isEqualTo("applied");
        JsonNode a = f.apply();
        assertThat(a.path("applied_count").asInt()).isEqualTo(2);
        assertThat(a.path("converged").asBoolean()).isTrue();
        assertThat(a.path("actor").asText()).isEqualTo("act-cluster-test");
        JsonNode s = f.status();
        assertThat(s.path("resource_statuses").path("query.knowledge.find_person").path("status").asText()).isEqualTo("applied");
        assertThat(s.path("resource_statuses").path("policy.base").path("status").asText()).isEqualTo("applied");
        assertThat(s.path("state_observations").path("applied_config_digest").isTextual()).isTrue();
        f.refresh();
        assertThat(f.plan().path("changes")).isEmpty();
        assertThat(f.plan().path("converged").asBoolean()).isTrue();
        f.write("people.gq", Fixture.PEOPLE_GQ.replace(", $p.age", ""));
        JsonNode a2 = f.apply();
        assertThat(a2.path("applied_count").asInt()).isEqualTo(1);
        assertThat(a2.path("converged").asBoolean()).isTrue();
        String bytes = f.read("__cluster/state.json");
        JsonNode a3 = f.apply();
        assertThat(a3.path("state_written").asBoolean()).isFalse();
        assertThat(a3.path("changes")).isEmpty();
        assertThat(f.read("__cluster/state.json")).isEqualTo(bytes);
    }

    @Test
    void seededLedgerPublishesThePayloadAtItsContentAddress() {
        String schemaDigest = CanonicalJson.sha256Hex(Fixture.PEOPLE_PG);
        String graphDigest = CanonicalJson.sha256Hex("graph\0knowledge\0schema\0" + schemaDigest + "\0");
        f.write("__cluster/state.json", "{\"version\":1,\"state_revision\":1,\"applied_revision\":{\"resources\":{"
                + "\"graph.knowledge\":{\"digest\":\"" + graphDigest + "\"},\"schema.knowledge\":{\"digest\":\"" + schemaDigest + "\"}}}}");
        JsonNode a = f.apply();
        assertThat(a.path("ok").asBoolean()).as(a.toPrettyString()).isTrue();
        assertThat(a.path("applied_count").asInt()).isEqualTo(2);
        assertThat(a.path("converged").asBoolean()).isTrue();
        String qd = CanonicalJson.sha256Hex(Fixture.PEOPLE_GQ);
        assertThat(f.exists("__cluster/resources/query/knowledge/find_person/" + qd + ".gq")).isTrue();
        assertThat(f.read("__cluster/state.json")).contains("\"state_revision\": 2");
    }

    @Test
    void applyCreatesTheGraphAndSchemaEvolutionConverges() {
        f.importState();
        JsonNode a = f.apply();
        assertThat(change(a, "graph.knowledge").path("disposition").asText()).isEqualTo("applied");
        assertThat(a.path("converged").asBoolean()).isTrue();
        GraphObservation ob = f.plane.observe(f.graphRoot("knowledge"));
        assertThat(ob.opens()).isTrue();
        assertThat(f.plan().path("changes")).isEmpty();
        // schema evolution + a query using the new field, in one apply
        f.write("people.pg", Fixture.PEOPLE_PG.replace("age: I32?", "age: I32?\n    bio: String?"));
        f.write("people.gq", Fixture.PEOPLE_GQ.replace("$p.age }", "$p.age, $p.bio }"));
        JsonNode p = f.plan();
        JsonNode sc = change(p, "schema.knowledge");
        assertThat(sc.path("disposition").asText()).isEqualTo("applied");
        assertThat(sc.path("migration").path("supported").asBoolean()).isTrue();
        assertThat(sc.path("migration").path("steps").toString()).contains("add_property");
        JsonNode a2 = f.apply("andrew");
        assertThat(a2.path("converged").asBoolean()).as(a2.toPrettyString()).isTrue();
        assertThat(f.plane.observe(f.graphRoot("knowledge")).schemaSource().orElseThrow()).contains("bio");
        assertThat(f.commitActors("knowledge")).containsExactly("act-cluster-test", "andrew");
        assertThat(f.plan().path("changes")).isEmpty();
    }

    @Test
    void outOfBandDriftIsMigratedBackWithSoftDrops() throws Exception {
        f.importState();
        f.apply();
        f.plane.applySchema(f.graphRoot("knowledge"), Fixture.PEOPLE_PG.replace("age: I32?", "age: I32?\n    bio: String?"),
                java.util.Optional.of("rogue"));
        JsonNode r = f.refresh();
        assertThat(r.path("resource_statuses").path("schema.knowledge").path("status").asText()).isEqualTo("drifted");
        JsonNode p = f.plan();
        JsonNode sc = change(p, "schema.knowledge");
        assertThat(sc.path("disposition").asText()).isEqualTo("applied");
        assertThat(sc.path("migration").path("steps").toString()).contains("drop_property").contains("\"mode\":\"soft\"");
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.plane.observe(f.graphRoot("knowledge")).schemaSource().orElseThrow()).doesNotContain("bio");
        assertThat(f.plan().path("changes")).isEmpty();
    }

    @Test
    void driftAcceptedByChangingTheConfig() throws Exception {
        f.converge();
        String withBio = Fixture.PEOPLE_PG.replace("age: I32?", "age: I32?\n    bio: String?");
        f.plane.applySchema(f.graphRoot("knowledge"), withBio, java.util.Optional.empty());
        f.refresh();
        f.write("people.pg", withBio);
        JsonNode p = f.plan();
        assertThat(p.path("changes").toString()).doesNotContain("schema.knowledge");
        JsonNode a = f.apply();
        assertThat(a.path("converged").asBoolean()).isTrue();
        assertThat(f.plan().path("changes")).isEmpty();
    }

    @Test
    void destroyedRootIsRecreated() {
        f.converge();
        String qd = CanonicalJson.sha256Hex(Fixture.PEOPLE_GQ);
        String blob = f.read("__cluster/resources/query/knowledge/find_person/" + qd + ".gq");
        f.delete("graphs/knowledge.omni");
        JsonNode r = f.refresh();
        assertThat(r.path("ok").asBoolean()).isTrue();
        assertThat(r.path("resource_statuses").path("graph.knowledge").path("conditions").toString()).contains("graph_missing");
        assertThat(r.path("resource_digests").has("graph.knowledge")).isFalse();
        assertThat(r.path("resource_digests").has("schema.knowledge")).isFalse();
        assertThat(r.path("resource_digests").has("query.knowledge.find_person")).isTrue();
        JsonNode p = f.plan();
        assertThat(p.path("changes")).hasSize(2);
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.plane.observe(f.graphRoot("knowledge")).opens()).isTrue();
        assertThat(f.read("__cluster/resources/query/knowledge/find_person/" + qd + ".gq")).isEqualTo(blob);
    }

    @Test
    void lostLedgerIsRebuiltByImport() {
        f.converge();
        f.delete("__cluster/state.json");
        JsonNode i = f.importState();
        assertThat(i.path("state_observations").path("state_revision").asLong()).isEqualTo(1);
        assertThat(i.path("resource_digests").toString()).doesNotContain("query.");
        JsonNode p = f.plan();
        assertThat(change(p, "query.knowledge.find_person").path("disposition").asText()).isEqualTo("applied");
        assertThat(change(p, "policy.base").path("disposition").asText()).isEqualTo("applied");
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.status().path("state_observations").path("applied_config_digest").isTextual()).isTrue();
        assertThat(f.plan().path("changes")).isEmpty();
    }

    @Test
    void corruptLedgerIsRebuiltByImport() {
        f.converge();
        f.write("__cluster/state.json", "{ not json");
        assertThat(f.apply().path("ok").asBoolean()).isFalse();
        JsonNode i = f.importState();
        assertThat(i.path("ok").asBoolean()).as(i.toPrettyString()).isTrue();
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
    }

    @Test
    void payloadSelfHeals() {
        f.converge();
        f.delete("__cluster/resources/query");
        assertThat(codes(f.status())).contains("catalog_payload_missing");
        JsonNode r = f.refresh();
        assertThat(r.path("resource_statuses").path("query.knowledge.find_person").path("status").asText()).isEqualTo("drifted");
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.status().path("diagnostics").toString()).doesNotContain("catalog_payload");
    }

    @Test
    void tamperedPayloadIsReportedAndRepaired() {
        f.converge();
        String qd = CanonicalJson.sha256Hex(Fixture.PEOPLE_GQ);
        f.write("__cluster/resources/query/knowledge/find_person/" + qd + ".gq", "query evil() { match { $p: Person } return { $p.name } }");
        JsonNode s = f.status();
        assertThat(s.path("diagnostics").toString()).contains("catalog_payload_mismatch").contains("actual sha256:");
        JsonNode r = f.refresh();
        assertThat(r.path("resource_statuses").path("query.knowledge.find_person").path("conditions").toString()).contains("payload_mismatch");
        // the tampered object sits at the content address: apply trusts existing objects, so move it aside first
        f.delete("__cluster/resources/query/knowledge/find_person/" + qd + ".gq");
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.read("__cluster/resources/query/knowledge/find_person/" + qd + ".gq")).isEqualTo(Fixture.PEOPLE_GQ);
    }

    static final String TWO_GRAPHS = """
            version: 1
            graphs:
              knowledge:
                schema: people.pg
                queries: { find_person: { file: people.gq } }
              engineering:
                schema: eng.pg
                queries: [eng.gq]
            policies:
              shared: { file: base.policy.yaml, applies_to: [knowledge, engineering] }
              cluster_wide: { file: server.policy.yaml, applies_to: [cluster] }
            """;
    static final String SERVER_POLICY = "version: 1\ngroups:\n  all: [andrew]\nrules:\n  - id: list\n    allow:\n"
            + "      actors: { group: all }\n      actions: [graph_list]\n";

    private void twoGraphs() {
        f.write("eng.pg", "node Service {\n    name: String @key\n}\n");
        f.write("eng.gq", "query find_service($name: String) {\n    match { $s: Service { name: $name } }\n    return { $s.name }\n}\n");
        f.write("server.policy.yaml", SERVER_POLICY);
        f.write("cluster.yaml", TWO_GRAPHS);
        f.converge();
    }

    @Test
    void gatedDeleteNeedsAnApprovalThatIsDigestBoundAndConsumedOnce() throws Exception {
        twoGraphs();
        f.write("cluster.yaml", TWO_GRAPHS.replace("""
                  engineering:
                    schema: eng.pg
                    queries: [eng.gq]
                """, "").replace("[knowledge, engineering]", "[knowledge]"));
        f.write("people.gq", Fixture.PEOPLE_GQ.replace(", $p.age", ""));
        JsonNode a = f.apply();
        assertThat(a.path("ok").asBoolean()).as(a.toPrettyString()).isTrue();
        assertThat(a.path("converged").asBoolean()).isFalse();
        assertThat(change(a, "graph.engineering").path("reason").asText()).isEqualTo("approval_required");
        assertThat(change(a, "schema.engineering").path("reason").asText()).isEqualTo("approval_required");
        assertThat(change(a, "query.engineering.find_service").path("reason").asText()).isEqualTo("approval_required");
        assertThat(change(a, "query.knowledge.find_person").path("disposition").asText()).isEqualTo("applied");
        assertThat(change(a, "policy.shared").path("binding_change").asBoolean()).isTrue();
        assertThat(change(a, "policy.shared").path("disposition").asText()).isEqualTo("applied");
        assertThat(change(a, "graph.knowledge").path("disposition").asText()).isEqualTo("derived");
        List<String> order = new ArrayList<>();
        a.path("changes").forEach(c -> order.add(c.path("resource").asText()));
        assertThat(order).isSorted();
        assertThat(a.path("resource_statuses").path("graph.engineering").path("status").asText()).isEqualTo("blocked");
        JsonNode p = f.plan();
        assertThat(p.path("approvals_required")).hasSize(1);
        assertThat(p.path("approvals_required").get(0).path("resource").asText()).isEqualTo("graph.engineering");
        assertThat(p.path("approvals_required").get(0).path("satisfied").asBoolean()).isFalse();
        assertThat(codes(f.approve("graph.knowledge", "andrew"))).contains("approval_not_required");
        JsonNode ap = f.approve("graph.engineering", "andrew");
        assertThat(ap.path("ok").asBoolean()).isTrue();
        assertThat(ap.path("approved_by").asText()).isEqualTo("andrew");
        String approvalKey = "__cluster/approvals/" + ap.path("approval_id").asText() + ".json";
        JsonNode a2 = f.apply("andrew");
        assertThat(a2.path("converged").asBoolean()).as(a2.toPrettyString()).isTrue();
        assertThat(f.exists("graphs/engineering.omni")).isFalse();
        JsonNode s = f.status();
        assertThat(s.path("observations").path("graph.engineering").path("kind").asText()).isEqualTo("tombstone");
        assertThat(s.path("observations").path("graph.engineering").path("actor").asText()).isEqualTo("andrew");
        assertThat(s.path("approval_records").has(ap.path("approval_id").asText())).isTrue();
        assertThat(f.plan().path("changes")).isEmpty();
        assertThat(f.read(approvalKey)).contains("\"consumed_at\": \"");
    }

    @Test
    void staleApprovalAuthorizesNothing() {
        twoGraphs();
        f.write("cluster.yaml", TWO_GRAPHS.replace("""
                  engineering:
                    schema: eng.pg
                    queries: [eng.gq]
                """, "").replace("[knowledge, engineering]", "[knowledge]"));
        f.approve("graph.engineering", "andrew");
        f.write("people.gq", Fixture.PEOPLE_GQ + "\n// edited after approval\n");
        JsonNode a = f.apply();
        assertThat(codes(a)).contains("approval_stale");
        assertThat(change(a, "graph.engineering").path("disposition").asText()).isEqualTo("blocked");
        assertThat(change(a, "graph.engineering").path("reason").asText()).isEqualTo("approval_required");
        assertThat(f.exists("graphs/engineering.omni")).isTrue();
    }

    @Test
    void rejectedSchemaPreviewLeavesNoSidecar() {
        f.converge();
        f.createBranch("knowledge", "feature");
        f.write("people.pg", Fixture.PEOPLE_PG.replace("age: I32?", "age: I32?\n    bio: String?"));
        JsonNode p = f.plan();
        assertThat(codes(p)).contains("schema_preview_unavailable");
        JsonNode a = f.apply();
        assertThat(a.path("ok").asBoolean()).isFalse();
        assertThat(codes(a)).contains("schema_apply_failed");
        assertThat(change(a, "schema.knowledge").path("reason").asText()).isEqualTo("schema_apply_failed");
        assertThat(f.exists("__cluster/recoveries")
                && f.rootStore().list("__cluster/recoveries/").size() > 0).isFalse();
        // and re-running is not a crash loop: the same clean refusal
        assertThat(codes(f.apply())).contains("schema_apply_failed").doesNotContain("cluster_recovery_pending");
    }

    @Test
    void metadataOnlyBindingChangeIsRecorded() {
        twoGraphs();
        f.write("cluster.yaml", TWO_GRAPHS.replace("[knowledge, engineering]", "[knowledge]"));
        JsonNode p = f.plan();
        JsonNode c = change(p, "policy.shared");
        assertThat(c.path("metadata_change").asText()).isEqualTo("policy_bindings");
        assertThat(c.path("before_digest").asText()).isEqualTo(c.path("after_digest").asText());
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.read("__cluster/state.json")).contains("\"applies_to\": [\n          \"graph.knowledge\"\n        ]");
    }

    @Test
    void mcpExposureIsAMetadataChangeCarriedToTheServingSnapshot() {
        f.converge();
        assertThat(f.read("__cluster/state.json")).doesNotContain("mcp_expose");
        assertThat(query(io.omnigraph.cluster.serving.ServingSnapshot.read(f.rootStore())).mcpExpose()).isTrue();
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("find_person: { file: ./people.gq }",
                "find_person: { file: ./people.gq, mcp: { expose: false } }"));
        JsonNode p = f.plan();
        JsonNode c = change(p, "query.knowledge.find_person");
        assertThat(c.path("metadata_change").asText()).isEqualTo("mcp_expose");
        assertThat(c.path("before_digest").asText()).isEqualTo(c.path("after_digest").asText());
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.read("__cluster/state.json")).contains("\"mcp_expose\": false");
        assertThat(f.plan().path("changes").size()).isZero();
        assertThat(query(io.omnigraph.cluster.serving.ServingSnapshot.read(f.rootStore())).mcpExpose()).isFalse();
        // and back: exposing again removes the key
        f.write("cluster.yaml", Fixture.CLUSTER_YAML);
        assertThat(change(f.plan(), "query.knowledge.find_person").path("metadata_change").asText())
                .isEqualTo("mcp_expose");
        assertThat(f.apply().path("converged").asBoolean()).isTrue();
        assertThat(f.read("__cluster/state.json")).doesNotContain("mcp_expose");
        assertThat(query(io.omnigraph.cluster.serving.ServingSnapshot.read(f.rootStore())).mcpExpose()).isTrue();
    }

    private static io.omnigraph.cluster.serving.ServingSnapshot.QuerySource query(
            io.omnigraph.cluster.serving.ServingSnapshot s) {
        return s.graphs().getFirst().queries().get("find_person");
    }

    @Test
    void stateBytesAreDeterministic() throws Exception {
        f.converge();
        String a = f.read("__cluster/state.json");
        assertThat(a).endsWith("}\n");
        assertThat(a).contains("\n  \"state_revision\": ");
        assertThat(f.rootStore().get("__cluster/state.json").orElseThrow().bytes())
                .isEqualTo(io.omnigraph.cluster.state.ClusterState.parse(a.getBytes()).toBytes());
    }
}
