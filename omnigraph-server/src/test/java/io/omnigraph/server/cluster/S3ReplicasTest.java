package io.omnigraph.server.cluster;

import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.testkit.storage.S3ProxyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several replicas on one S3 root (S3Proxy, real S3 protocol): one booted config-free from the storage-root URI, one
 * from the config directory whose {@code storage:} names the bucket. Both serve the same applied revision, see each
 * other's writes, and pick up a newly applied revision without a restart.
 */
class S3ReplicasTest {
    @TempDir
    Path tmp;

    @Test
    void replicasOnOneS3RootServeAndReloadTogether() {
        S3ProxyFixture s3 = S3ProxyFixture.shared();
        String bucket = s3.createBucket();
        Map<String, String> env = s3.environment();
        String root = "s3://" + bucket + "/clusters/company-brain";
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("config"), false);
        f.opener = loc -> ObjectStores.open(loc, env);
        f.write("cluster.yaml", f.read("cluster.yaml").replace("version: 1\n", "version: 1\nstorage: " + root + "/\n"));
        f.converge();
        f.load("knowledge", "{\"type\":\"Person\",\"data\":{\"name\":\"Ada\",\"age\":36}}\n");

        ClusterServer.Options fromConfigDir = f.options(true, Map.of()).withReloadInterval(Duration.ofMillis(200));
        ClusterServer.Options fromUri = ClusterServer.Options.of(root, ClusterFixture.config(true), BearerTokens.none())
                .withEnv(Env.of(Map.of())).withReloadInterval(Duration.ofMillis(200)).withStoreOpener(f.opener);
        try (Served a = ClusterFixture.serve(fromConfigDir); Served b = ClusterFixture.serve(fromUri)) {
            assertThat(a.server.cluster().runtime().storageRoot()).isEqualTo(root);
            assertThat(b.server.cluster().runtime().storageRoot()).isEqualTo(root);
            Resp graphs = a.get("/graphs/knowledge/snapshot");
            assertThat(graphs.status()).isEqualTo(200);
            // a write through replica A is visible through replica B
            Resp w = a.post("/graphs/knowledge/mutate", "{\"query\":\"query q() { insert Person { name: \\\"Bob\\\" } }\"}");
            assertThat(w.status()).as(w.toString()).isEqualTo(200);
            assertThat(b.post("/graphs/knowledge/export", "{}").text().lines()).hasSize(2);
            assertThat(b.get("/graphs/knowledge/commits").json().path("commits").get(0).path("graph_commit_id").asText())
                    .isEqualTo(w.json().path("commit").path("graph_commit_id").asText());
            // apply once; every replica reloads
            f.write("more.gq", "query adults() { match { $p: Person } return { $p.name } }\n");
            f.write("cluster.yaml", f.read("cluster.yaml").replace("      find_person: { file: ./people.gq }\n",
                    "      find_person: { file: ./people.gq }\n      adults: { file: ./more.gq }\n"));
            f.converge();
            for (Served s : new Served[]{a, b}) {
                HotReloadTest.await("replica reload", () -> ServeScenariosTest.names(
                        s.get("/graphs/knowledge/queries").json().path("queries"), "name").contains("adults"));
            }
        }
    }
}
