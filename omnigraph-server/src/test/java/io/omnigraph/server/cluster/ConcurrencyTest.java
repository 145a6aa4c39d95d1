package io.omnigraph.server.cluster;

import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore;
import io.omnigraph.storage.wrap.StoreOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads never wait for writes in flight, nor for a {@code cluster apply} holding the lease lock. */
class ConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    void readsDoNotWaitForAWriteInFlight() throws Exception {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        f.load("knowledge", "{\"type\":\"Person\",\"data\":{\"name\":\"Ada\",\"age\":36}}\n");
        FaultInjectingObjectStore[] store = new FaultInjectingObjectStore[1];
        try (Served s = f.serve(true, Map.of(), o -> o.withStoreOpener(loc -> {
            store[0] = new FaultInjectingObjectStore(ObjectStores.open(loc));
            return store[0];
        }))) {
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200); // warm
            // the next publish (the ref compare-and-swap) of any write takes 3 s
            store[0].rule(c -> c.op() == StoreOp.PUT_IF_MATCH && c.key().contains("refs/branches/"),
                    FaultInjectingObjectStore.Effect.delay(Duration.ofSeconds(3)), 1);
            long calls = store[0].calls();
            CompletableFuture<Resp> write = CompletableFuture.supplyAsync(() -> s.post("/graphs/knowledge/mutate",
                    "{\"query\":\"query q() { insert Person { name: \\\"Bob\\\", age: 40 } }\"}"));
            HotReloadTest.await("the write to reach its publish", () -> store[0].calls() > calls + 2 && !write.isDone());
            Thread.sleep(200);
            long t0 = System.nanoTime();
            Resp snap = s.get("/graphs/knowledge/snapshot");
            Resp export = s.post("/graphs/knowledge/export", "{}");
            Resp commits = s.get("/graphs/knowledge/commits");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(write.isDone()).as("the write is still in flight").isFalse();
            assertThat(snap.status()).isEqualTo(200);
            assertThat(export.text().lines()).hasSize(1); // the old snapshot: Bob is not visible yet
            assertThat(commits.status()).isEqualTo(200);
            assertThat(ms).as("reads while a write is in flight").isLessThan(2000);
            Resp done = write.get(20, TimeUnit.SECONDS);
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
            assertThat(s.post("/graphs/knowledge/export", "{}").text().lines()).hasSize(2);
        }
    }

    @Test
    void servingAndReloadIgnoreAHeldClusterLock() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        f.write("__cluster/lock.json", "{\"version\":1,\"lock_id\":\"held\",\"operation\":\"apply\","
                + "\"created_at\":\"2099-01-01T00:00:00Z\",\"pid\":1}");
        try (Served s = f.serve(true, Map.of())) {
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200);
            assertThat(s.post("/admin/reload", "").json().path("outcome").asText()).isEqualTo("reloaded");
            assertThat(s.get("/graphs/knowledge/queries").status()).isEqualTo(200);
        }
    }
}
