package io.omnigraph.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.layout.ClusterGraphResolver;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.testkit.storage.S3ProxyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static io.omnigraph.cluster.Fixture.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Serving snapshot (§4.2), maintenance addressing (§6.3 / seed §7), cluster layout guard, and s3:// storage (seed §6). */
class ServingAndAddressingTest {
    @TempDir
    Path tmp;

    @Test
    void snapshotOfAConvergedCluster() {
        Fixture f = new Fixture(tmp).converge();
        ServingSnapshot s = ServingSnapshot.read(f.rootStore());
        assertThat(s.servable()).as(s.fatal().toString()).isTrue();
        assertThat(s.revision().orElseThrow().stateRevision()).isEqualTo(2);
        assertThat(s.graphs()).hasSize(1);
        ServingSnapshot.ServedGraph g = s.graphs().getFirst();
        assertThat(g.id()).isEqualTo("knowledge");
        assertThat(g.queries().get("find_person").source()).isEqualTo(Fixture.PEOPLE_GQ);
        assertThat(g.policy().orElseThrow().name()).isEqualTo("base");
        assertThat(s.serverPolicy()).isEmpty();
    }

    @Test
    void bootRefusalsAndQuarantine() {
        assertThat(ServingSnapshot.read(ObjectStores.open(tmp.resolve("empty").toString())).fatal().getFirst().code().code())
                .isEqualTo("cluster_state_missing");
        Fixture f = new Fixture(tmp.resolve("c")).converge();
        String qd = CanonicalJson.sha256Hex(Fixture.PEOPLE_GQ);
        f.write("__cluster/resources/query/knowledge/find_person/" + qd + ".gq", "tampered");
        ServingSnapshot tampered = ServingSnapshot.read(f.rootStore());
        assertThat(tampered.servable()).isFalse();
        assertThat(tampered.refusal("x")).contains("catalog_payload_digest_mismatch").contains("cluster refresh");
        f.write("__cluster/resources/query/knowledge/find_person/" + qd + ".gq", Fixture.PEOPLE_GQ);
        f.write("__cluster/recoveries/01AAAAAAAAAAAAAAAAAAAAAAAA.json", "{\"schema_version\":1,\"operation_id\":\"01AAAAAAAAAAAAAAAAAAAAAAAA\","
                + "\"kind\":\"schema_apply\",\"graph_id\":\"knowledge\"}");
        ServingSnapshot q = ServingSnapshot.read(f.rootStore());
        assertThat(q.quarantined()).containsKey("knowledge");
        assertThat(q.fatal().getFirst().code().code()).isEqualTo("cluster_no_healthy_graphs");
        f.write("__cluster/recoveries/01AAAAAAAAAAAAAAAAAAAAAAAA.json", "{\"schema_version\":1,\"operation_id\":\"01A\","
                + "\"kind\":\"schema_apply\",\"graph_id\":\"\"}");
        assertThat(ServingSnapshot.read(f.rootStore()).fatal().getFirst().code().code()).isEqualTo("cluster_recovery_unattributed");
        f.delete("__cluster/recoveries");
        // a held lock never blocks serving
        f.write("__cluster/lock.json", "{\"version\":1,\"lock_id\":\"x\",\"operation\":\"apply\",\"created_at\":\"1970-01-01T00:00:00Z\",\"pid\":1}");
        assertThat(ServingSnapshot.read(f.rootStore()).servable()).isTrue();
    }

    @Test
    void oneQuarantinedGraphOfTwoStillServesTheOther() {
        Fixture f = new Fixture(tmp);
        f.write("eng.pg", "node Service {\n    name: String @key\n}\n");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("policies:", "  engineering:\n    schema: eng.pg\npolicies:"));
        f.converge();
        f.write("__cluster/recoveries/01BBBBBBBBBBBBBBBBBBBBBBBB.json", "{\"schema_version\":1,\"operation_id\":\"01B\","
                + "\"kind\":\"schema_apply\",\"graph_id\":\"engineering\"}");
        ServingSnapshot s = ServingSnapshot.read(f.rootStore());
        assertThat(s.servable()).isTrue();
        assertThat(s.graphs()).extracting(ServingSnapshot.ServedGraph::id).containsExactly("knowledge");
        assertThat(s.warnings().toString()).contains("cluster_recovery_pending");
    }

    @Test
    void maintenanceAddressingResolvesFromTheLedgerOnly() throws Exception {
        Fixture f = new Fixture(tmp.resolve("one")).converge();
        ClusterGraphResolver r = new ClusterGraphResolver(n -> n.equals("brain") ? Optional.of(f.dir.toString()) : Optional.empty(),
                ObjectStores::open);
        assertThat(r.resolve(f.dir.toString(), Optional.of("knowledge")).graphUri()).endsWith("/graphs/knowledge.omni");
        assertThat(r.resolve(f.dir.toString(), Optional.empty()).graphId()).isEqualTo("knowledge");
        assertThat(r.resolve("brain", Optional.empty()).graphId()).isEqualTo("knowledge");
        f.delete("__cluster/resources");
        assertThat(r.resolve(f.dir.toString(), Optional.of("knowledge")).graphId()).isEqualTo("knowledge");
        assertThatThrownBy(() -> r.resolve(f.dir.toString(), Optional.of("does-not-exist")))
                .hasMessageContaining("is not applied in cluster").hasMessageContaining("cluster apply");
        Fixture two = new Fixture(tmp.resolve("two"));
        two.write("eng.pg", "node Service {\n    name: String @key\n}\n");
        two.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("policies:", "  engineering:\n    schema: eng.pg\npolicies:"));
        two.converge();
        assertThatThrownBy(() -> r.resolve(two.dir.toString(), Optional.empty()))
                .hasMessageContaining("2 graphs").hasMessageContaining("engineering").hasMessageContaining("knowledge")
                .hasMessageContaining("--graph <id>");
        assertThatThrownBy(() -> r.resolve(tmp.resolve("nothing").toString(), Optional.empty()))
                .isInstanceOf(ClusterGraphResolver.ResolutionException.class);
        Fixture fresh = new Fixture(tmp.resolve("fresh"));
        assertThatThrownBy(() -> r.resolve(fresh.dir.toString(), Optional.empty())).hasMessageContaining("has no applied state");
    }

    @Test
    void clusterLayoutGuardsManagedGraphRoots() {
        Fixture f = new Fixture(tmp).converge();
        assertThat(ClusterLayout.managingCluster(f.dir.resolve("graphs/sneaky.omni").toString())).isPresent();
        assertThat(ClusterLayout.managingCluster(f.dir.resolve("graphs/knowledge.omni").toString()).orElseThrow().graphId())
                .isEqualTo("knowledge");
        assertThat(ClusterLayout.managingCluster(tmp.resolve("elsewhere/graph.omni").toString())).isEmpty();
        assertThat(ClusterLayout.refusal(ClusterLayout.managingCluster(f.dir.resolve("graphs/x.omni").toString()).orElseThrow(), "init"))
                .contains("cluster apply");
    }

    @Test
    void s3StorageHoldsEverythingAndLocksAcrossProcesses() {
        S3ProxyFixture s3 = S3ProxyFixture.shared();
        String bucket = s3.createBucket();
        Map<String, String> env = s3.environment();
        Fixture f = new Fixture(tmp);
        f.opener = loc -> ObjectStores.open(loc, env);
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("version: 1\n", "version: 1\nstorage: s3://" + bucket + "/clusters/company-brain/\n"));
        f.converge();
        assertThat(f.exists("__cluster")).isFalse();
        assertThat(f.exists("graphs")).isFalse();
        var store = ObjectStores.open("s3://" + bucket + "/clusters/company-brain", env);
        assertThat(store.exists("__cluster/state.json")).isTrue();
        assertThat(store.list("graphs/knowledge.omni/")).isNotEmpty();
        assertThat(store.list("__cluster/resources/query/")).hasSize(1);
        // the real engine on S3: load rows, read them back (snapshot), then a schema change keeps them
        String graphUri = "s3://" + bucket + "/clusters/company-brain/graphs/knowledge.omni";
        try (io.omnigraph.engine.api.Graph g = io.omnigraph.engine.api.OmniGraph.open(ObjectStores.open(graphUri, env),
                io.omnigraph.engine.api.OpenOptions.defaults())) {
            String nd = "{\"type\":\"Person\",\"data\":{\"name\":\"Ada\",\"age\":36}}\n{\"type\":\"Person\",\"data\":{\"name\":\"Bob\"}}\n";
            g.load(Optional.empty(), io.omnigraph.engine.api.LoadRequest.of(new java.io.ByteArrayInputStream(
                    nd.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "main", io.omnigraph.engine.load.LoadMode.OVERWRITE));
            assertThat(g.snapshot(Optional.empty(), "main").datasets().getFirst().entityCount()).isEqualTo(2);
        }
        f.write("people.pg", Fixture.PEOPLE_PG.replace("age: I32?", "age: I32?\n    bio: String?"));
        JsonNode a = f.apply("andrew");
        assertThat(a.path("converged").asBoolean()).as(a.toPrettyString()).isTrue();
        try (io.omnigraph.engine.api.Graph g = io.omnigraph.engine.api.OmniGraph.open(ObjectStores.open(graphUri, env),
                io.omnigraph.engine.api.OpenOptions.defaults())) {
            assertThat(g.snapshot(Optional.empty(), "main").datasets().getFirst().entityCount()).isEqualTo(2);
            assertThat(g.schemaSource(Optional.empty(), "main")).contains("bio");
            assertThat(g.commits(Optional.empty(), "main", 1).getFirst().actorId()).contains("andrew");
        }
        store.put("__cluster/lock.json", ("{\"version\":1,\"lock_id\":\"s3-held\",\"operation\":\"apply\","
                + "\"created_at\":\"1970-01-01T00:00:00Z\",\"pid\":7}").getBytes());
        assertThat(codes(f.apply())).contains("state_lock_held");
        assertThat(f.forceUnlock("s3-held").ok()).isTrue();
        assertThat(f.plan().path("changes")).isEmpty();
        ServingSnapshot snap = ServingSnapshot.read(store);
        assertThat(snap.servable()).isTrue();
        assertThat(snap.graphs().getFirst().uri()).startsWith("s3://" + bucket + "/clusters/company-brain/graphs/knowledge.omni");
        ClusterGraphResolver r = new ClusterGraphResolver(n -> Optional.empty(), loc -> ObjectStores.open(loc, env));
        try {
            assertThat(r.resolve("s3://" + bucket + "/clusters/company-brain", Optional.empty()).graphUri())
                    .isEqualTo("s3://" + bucket + "/clusters/company-brain/graphs/knowledge.omni");
        } catch (ClusterGraphResolver.ResolutionException e) {
            throw new AssertionError(e);
        }
    }
}
