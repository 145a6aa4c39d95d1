package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.BooleanSupplier;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot reload while serving: the control plane applies a new query, policy or graph in-process and the running
 * server serves the new revision without a restart (ledger polling, the admin route, SIGHUP); a revision that does
 * not boot leaves the old one serving and is reported; requests in flight during a swap finish on the old runtime.
 */
class HotReloadTest {
    @TempDir
    Path tmp;

    static final String FULL_BUNDLE = "version: 1\ngroups:\n  team: [andrew]\nrules:\n  - id: team-all\n    allow:\n"
            + "      actors: { group: team }\n      actions: [read, invoke_query, change, admin]\n";

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static long ledgerRevision(ClusterFixture f) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.read("__cluster/state.json"))
                    .path("state_revision").asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void newQueryPolicyAndGraphAreServedWithoutRestart() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), true);
        f.write("base.policy.yaml", FULL_BUNDLE).converge();
        try (Served s = f.serve(false, Map.of("andrew", "t"), o -> o.withReloadInterval(Duration.ofMillis(100)))) {
            String[] t = bearer("t");
            GraphHandle before = s.server.cluster().runtime().services().get("knowledge").handle();
            assertThat(ServeScenariosTest.names(s.get("/graphs/knowledge/queries", t).json().path("queries"), "name"))
                    .containsExactly("find_person");

            // a new stored query
            f.write("more.gq", "query adults() { match { $p: Person } return { $p.name } }\n");
            f.write("cluster.yaml", f.read("cluster.yaml").replace("      find_person: { file: ./people.gq }\n",
                    "      find_person: { file: ./people.gq }\n      adults: { file: ./more.gq }\n"));
            f.converge();
            await("the new query to be served", () -> ServeScenariosTest.names(
                    s.get("/graphs/knowledge/queries", t).json().path("queries"), "name").contains("adults"));
            assertThat(s.server.cluster().runtime().services().get("knowledge").handle()).isSameAs(before);
            Resp status = s.get("/admin/status", t);
            assertThat(status.json().path("served").path("state_revision").asLong()).isEqualTo(ledgerRevision(f));
            assertThat(status.json().path("last_reload").path("trigger").asText()).isEqualTo("poll");
            assertThat(status.json().path("last_reload").path("outcome").asText()).isEqualTo("reloaded");

            // a policy change: read is no longer granted
            f.write("base.policy.yaml", FULL_BUNDLE.replace("read, ", "")).converge();
            await("the narrowed policy to be enforced", () -> s.get("/graphs/knowledge/queries", t).status() == 403);

            // a new graph
            f.write("base.policy.yaml", FULL_BUNDLE);
            f.write("eng.pg", "node Service {\n    name: String @key\n}\n");
            f.write("cluster.yaml", f.read("cluster.yaml").replace("policies:\n", "  engineering:\n    schema: ./eng.pg\npolicies:\n"));
            f.converge();
            await("the new graph to be served", () -> s.get("/graphs/engineering/snapshot", t).status() == 200);
            assertThat(s.get("/graphs/knowledge/queries", t).status()).isEqualTo(200);
            assertThat(s.get("/admin/status", t).json().path("graphs").toString()).contains("engineering");
        }
    }

    @Test
    void aRevisionThatDoesNotBootLeavesTheOldOneServing() {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        try (Served s = f.serve(true, Map.of())) {
            long served = ledgerRevision(f);
            f.write("more.gq", "query adults() { match { $p: Person } return { $p.name } }\n");
            f.write("cluster.yaml", f.read("cluster.yaml").replace("      find_person: { file: ./people.gq }\n",
                    "      find_person: { file: ./people.gq }\n      adults: { file: ./more.gq }\n"));
            f.converge();
            String blob = "__cluster/resources/query/knowledge/adults/" + ServeScenariosTest.sha256(f.read("more.gq")) + ".gq";
            f.write(blob, "query adults() { match { $p: Person } return { $p.age } }\n"); // tampered

            Resp failed = s.post("/admin/reload", "");
            assertThat(failed.status()).isEqualTo(200);
            JsonNode out = failed.json();
            assertThat(out.path("outcome").asText()).isEqualTo("failed");
            assertThat(out.path("trigger").asText()).isEqualTo("admin");
            assertThat(out.path("served").path("state_revision").asLong()).isEqualTo(served);
            assertThat(out.path("attempted").path("state_revision").asLong()).isEqualTo(served + 1);
            assertThat(out.path("error").asText()).contains("[catalog_payload_digest_mismatch] query.knowledge.adults")
                    .contains("cluster refresh");
            // the old revision keeps serving, and the failure is reported
            assertThat(ServeScenariosTest.names(s.get("/graphs/knowledge/queries").json().path("queries"), "name"))
                    .containsExactly("find_person");
            JsonNode status = s.get("/admin/status").json();
            assertThat(status.path("served").path("state_revision").asLong()).isEqualTo(served);
            assertThat(status.path("last_failure").path("error").asText()).contains("catalog_payload_digest_mismatch");
            assertThat(s.get("/healthz").status()).isEqualTo(200);

            // a revision refused by the auth classification (a bundle but no tokens) also keeps the old one
            f.write(blob, f.read("more.gq"));
            f.write("cluster.yaml", f.read("cluster.yaml") + ClusterFixture.F_POLICIES);
            f.converge();
            Resp refused = s.post("/admin/reload", "");
            assertThat(refused.json().path("outcome").asText()).isEqualTo("failed");
            assertThat(refused.json().path("error").asText()).contains("no bearer tokens");
            assertThat(s.get("/graphs/knowledge/queries").status()).isEqualTo(200);

            // once the revision is fixed, a reload serves it
            f.write("cluster.yaml", f.read("cluster.yaml").replace(ClusterFixture.F_POLICIES, ""));
            f.converge();
            Resp ok = s.post("/admin/reload", "");
            assertThat(ok.json().path("outcome").asText()).as(ok.text()).isEqualTo("reloaded");
            assertThat(ServeScenariosTest.names(s.get("/graphs/knowledge/queries").json().path("queries"), "name"))
                    .containsExactly("adults", "find_person");
            assertThat(s.get("/admin/status").json().path("last_failure").path("outcome").asText()).isEqualTo("failed");
        }
    }

    @Test
    void inFlightRequestsFinishOnTheOldRuntime() throws Exception {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        FaultInjectingObjectStore[] store = new FaultInjectingObjectStore[1];
        try (Served s = f.serve(true, Map.of(), o -> o.withStoreOpener(loc -> {
            store[0] = new FaultInjectingObjectStore(ObjectStores.open(loc));
            return store[0];
        }))) {
            ClusterRuntime old = s.server.cluster().runtime();
            // the next read of main's ref takes 1.5 s: a request in flight across the swap
            java.util.concurrent.atomic.AtomicBoolean delaying = new java.util.concurrent.atomic.AtomicBoolean();
            store[0].rule(c -> {
                boolean hit = c.op() == StoreOp.GET && c.key().endsWith("refs/branches/main.json");
                if (hit) {
                    delaying.set(true);
                }
                return hit;
            }, FaultInjectingObjectStore.Effect.delay(Duration.ofMillis(1500)), 1);
            CompletableFuture<Resp> slow = CompletableFuture.supplyAsync(() -> s.get("/graphs/knowledge/snapshot"));
            // wait until the slow request is inside the delayed read (not merely admitted): otherwise the reload's own
            // read of the ref could take the delay and the slow request finish before the swap
            await("the slow request to pin the old runtime", () -> delaying.get() && s.server.cluster().pinnedRequests() > 0);
            Resp reloaded = s.post("/admin/reload", "");
            assertThat(reloaded.json().path("outcome").asText()).isEqualTo("reloaded");
            assertThat(s.server.cluster().runtime()).isNotSameAs(old);
            assertThat(old.isClosed()).as("the old runtime drains before it closes").isFalse();
            assertThat(slow.isDone()).isFalse();
            // new requests run on the new runtime meanwhile
            assertThat(s.get("/graphs/knowledge/queries").status()).isEqualTo(200);
            Resp done = slow.get(10, TimeUnit.SECONDS);
            assertThat(done.status()).isEqualTo(200);
            await("the drained runtime to close", old::isClosed);
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200);
        }
    }

    /** Requests hammering the server while it reloads over and over: every one succeeds, every old runtime closes. */
    @Test
    void requestsDuringRepeatedSwapsAllSucceed() throws Exception {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        try (Served s = f.serve(true, Map.of())) {
            assertThat(s.get("/graphs/knowledge/snapshot").status()).isEqualTo(200); // warm (the contract validator loads once)
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.atomic.AtomicLong ok = new java.util.concurrent.atomic.AtomicLong();
            java.util.List<Thread> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = i % 2 == 0 ? "/graphs/knowledge/snapshot" : "/graphs/knowledge/queries";
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        Resp r = s.get(path);
                        if (r.status() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(path + " " + r);
                        }
                    }
                }));
            }
            java.util.List<ClusterRuntime> retired = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                retired.add(s.server.cluster().runtime());
                assertThat(s.server.cluster().reload("test").outcome().wire()).isEqualTo("reloaded");
                Thread.sleep(150);
            }
            stop.set(true);
            for (Thread t : clients) {
                t.join(10_000);
            }
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isGreaterThan(20);
            await("every retired runtime to close", () -> retired.stream().allMatch(ClusterRuntime::isClosed));
            assertThat(s.server.cluster().runtime().isClosed()).isFalse();
        }
    }

    @Test
    void sighupReloads() throws Exception {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), false).converge();
        try (Served s = f.serve(true, Map.of(), o -> o.withSighup(true))) {
            f.write("more.gq", "query adults() { match { $p: Person } return { $p.name } }\n");
            f.write("cluster.yaml", f.read("cluster.yaml").replace("      find_person: { file: ./people.gq }\n",
                    "      find_person: { file: ./people.gq }\n      adults: { file: ./more.gq }\n"));
            f.converge();
            Class<?> signal = Class.forName("sun.misc.Signal");
            signal.getMethod("raise", signal).invoke(null, signal.getConstructor(String.class).newInstance("HUP"));
            await("SIGHUP to reload", () -> s.get("/admin/status").json().path("last_reload").path("trigger").asText()
                    .equals("sighup"));
            assertThat(ServeScenariosTest.names(s.get("/graphs/knowledge/queries").json().path("queries"), "name"))
                    .contains("adults");
        }
    }
}
