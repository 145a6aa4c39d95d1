package io.omnigraph.engine.s3;

import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.commit.RetentionPolicy;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.maintenance.CleanupResult;
import io.omnigraph.engine.maintenance.IndexHook;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.maintenance.OptimizeResult;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.testkit.storage.S3ProxyFixture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The data plane over the real S3 protocol (S3Proxy in-process): init, load, mutate, branch create/delete, time
 * travel, export, optimize and cleanup against an {@code s3://} graph root, re-opened cold where it matters.
 */
class S3DataPlaneTest {
    static final String SCHEMA = """
            node Person {
                name: String @key
                age: I32?
            }
            edge Knows: Person -> Person
            """;

    static List<String> export(Graph g, ReadTarget t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        g.export(Optional.empty(), t, List.of(), out);
        List<String> lines = new ArrayList<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")));
        lines.removeIf(String::isBlank);
        lines.sort(null);
        return lines;
    }

    static void load(Graph g, String branch, LoadMode mode, String nd) {
        g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(nd.getBytes(StandardCharsets.UTF_8)), branch, mode));
    }

    @Test
    void theWholeDataPlaneOnS3() {
        S3ProxyFixture s3 = S3ProxyFixture.shared();
        String uri = "s3://" + s3.createBucket() + "/graphs/people.omni";
        AtomicLong micros = new AtomicLong(1_763_000_000_000_000L);
        GraphStoreOptions opts = GraphStoreOptions.defaults().withClock(micros::get);
        ObjectStore store = ObjectStores.open(uri, s3.environment());
        try (Graph g = OmniGraph.init(store, SCHEMA, InitOptions.defaults().withStoreOptions(opts))) {
            assertThat(g.isLocal()).isFalse();
            load(g, "main", LoadMode.OVERWRITE, """
                    {"type":"Person","data":{"name":"ada","age":36}}
                    {"type":"Person","data":{"name":"bob","age":41}}
                    {"edge":"Knows","from":"ada","to":"bob","data":{}}
                    """);
            micros.addAndGet(1_000_000);
            String afterLoad = g.info(Optional.empty()).mainHeadCommitId();
            List<String> v1 = export(g, ReadTarget.branch("main"));
            assertThat(v1).hasSize(3);
            g.mutate(Optional.empty(), MutationRequest.of("query q() { insert Person { name: \"cy\", age: 22 } }", "main"));
            micros.addAndGet(1_000_000);
            g.mutate(Optional.empty(), MutationRequest.of("query q() { update Person set { age: 37 } where name = \"ada\" }", "main"));
            micros.addAndGet(1_000_000);
            // branches: create, write, delete
            g.createBranch(Optional.empty(), "feature", "main");
            load(g, "feature", LoadMode.APPEND, "{\"type\":\"Person\",\"data\":{\"name\":\"dee\",\"age\":30}}\n");
            assertThat(export(g, ReadTarget.branch("feature"))).hasSize(5);
            assertThat(export(g, ReadTarget.branch("main"))).hasSize(4);
            g.deleteBranch(Optional.empty(), "feature");
            assertThat(g.branches(Optional.empty())).containsExactly("main");
            // time travel
            assertThat(export(g, ReadTarget.commit(afterLoad))).isEqualTo(v1);
            // optimize: one commit, content unchanged
            List<String> before = export(g, ReadTarget.branch("main"));
            OptimizeResult o = Maintenance.optimize(g, Optional.of("ops"), IndexHook.NONE);
            assertThat(o.commit()).isPresent();
            assertThat(export(g, ReadTarget.branch("main"))).isEqualTo(before);
            micros.addAndGet(Duration.ofHours(1).toNanos() / 1000);
            // cleanup: keep only the head's data; the deleted branch's objects and pre-optimize segments go
            CleanupResult c = Maintenance.cleanup(g, new RetentionPolicy(1, Optional.empty()), Maintenance.DEFAULT_GRACE, true);
            assertThat(c.objectsRemoved()).isPositive();
            assertThat(c.commitsRemoved()).isEqualTo(1);
            assertThat(c.errors()).isEmpty();
        }
        // cold: a new handle over a new S3 client
        try (Graph g = OmniGraph.open(ObjectStores.open(uri, s3.environment()), OpenOptions.defaults())) {
            List<String> now = export(g, ReadTarget.branch("main"));
            assertThat(now).hasSize(4).anyMatch(l -> l.contains("\"ada\"") && l.contains("37"));
            List<CommitInfo> history = g.commits(Optional.empty(), "main", 100);
            assertThat(history).extracting(CommitInfo::operation).contains("optimize", "mutation", "load", "init");
            String old = history.get(2).graphCommitId(); // a pre-optimize commit
            assertThatThrownBy(() -> export(g, ReadTarget.commit(old))).isInstanceOf(EngineException.Reclaimed.class);
            assertThat(Maintenance.repair(g, true).classification()).isEqualTo("no_drift");
            // writes after optimize + cleanup still work
            load(g, "main", LoadMode.APPEND, "{\"type\":\"Person\",\"data\":{\"name\":\"eve\",\"age\":50}}\n");
            assertThat(export(g, ReadTarget.branch("main"))).hasSize(5);
        }
        OmniGraph.delete(ObjectStores.open(uri, s3.environment()));
        assertThat(ObjectStores.open(uri, s3.environment()).list("")).isEmpty();
    }
}
