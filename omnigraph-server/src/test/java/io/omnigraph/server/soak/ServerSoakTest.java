package io.omnigraph.server.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded soak on loopback, authenticated, on the real engine: concurrent writers (each inserting its own keys on
 * {@code main}), concurrent readers (snapshot, ad-hoc query, stored query for a row whose write was already
 * acknowledged, export) and a hot reload loop (the control plane applies a new stored query revision in-process;
 * the server picks it up by polling and by {@code POST /admin/reload}). Every response must be a success — a
 * write-write race is answered 409 and retried by the writer, which is counted, not hidden — every acknowledged
 * write must be readable right after its acknowledgement and present exactly once at the end.
 *
 * <p>Default run: 8 s. {@code -Plong} (or {@code -Dsoak.seconds=N}): 300 s.
 */
class ServerSoakTest {
    static final boolean LONG = Boolean.getBoolean("omnigraph.test.long");
    static final int SECONDS = Integer.getInteger("soak.seconds", LONG ? 300 : 8);
    static final int WRITERS = 3;
    static final int READERS = 4;
    static final String T = "tok-soak-4d0c1a";
    static final String BUNDLE = "version: 1\ngroups:\n  team: [andrew]\nrules:\n  - id: team-all\n    allow:\n"
            + "      actors: { group: team }\n      actions: [read, export, invoke_query, change, admin]\n";

    @TempDir
    Path tmp;

    @Test
    void readersWritersAndHotReloadsTogether() throws Exception {
        ClusterFixture f = ClusterFixture.peopleF(tmp.resolve("c"), true);
        f.write("base.policy.yaml", BUNDLE).converge();
        f.load("knowledge", "{\"type\":\"Person\",\"data\":{\"name\":\"seed\",\"age\":1}}\n");
        String[] auth = bearer(T);
        try (Served s = f.serve(false, Map.of("andrew", T), o -> o.withReloadInterval(Duration.ofMillis(200)))) {
            assertThat(s.get("/graphs/knowledge/snapshot", auth).status()).isEqualTo(200); // warm
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            List<String> acked = new CopyOnWriteArrayList<>();
            Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> writeMs = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> readMs = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();

            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String name = "w" + writer + "-" + n;
                        String q = "{\"query\":\"query q() { insert Person { name: \\\"" + name + "\\\", age: " + (n % 100) + " } }\"}";
                        while (true) {
                            long t0 = System.nanoTime();
                            Resp r = s.post("/graphs/knowledge/mutate", q, auth);
                            if (r.status() == 200) {
                                writeMs.add((System.nanoTime() - t0) / 1_000_000);
                                acked.add(name);
                                count(counts, "write_ok");
                                break;
                            } else if (r.status() == 409) {
                                String why = r.error().replaceAll("[0-9A-Z]{26}", "<id>");
                                count(counts, "write_409_retried: " + why.substring(0, Math.min(90, why.length())));
                            } else {
                                errors.add("write " + name + " -> " + r);
                                return;
                            }
                        }
                    }
                }));
            }
            for (int rd = 0; rd < READERS; rd++) {
                SplittableRandom rnd = new SplittableRandom(rd);
                threads.add(Thread.ofPlatform().name("reader-" + rd).start(() -> {
                    while (!stop.get()) {
                        int kind = rnd.nextInt(10);
                        long t0 = System.nanoTime();
                        if (kind < 4) {
                            // read-your-acknowledged-writes: a row acknowledged before this request is visible
                            List<String> snapshot = List.copyOf(acked);
                            String name = snapshot.isEmpty() ? "seed" : snapshot.get(rnd.nextInt(snapshot.size()));
                            Resp r = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"" + name + "\"}}", auth);
                            if (r.status() != 200 || r.json().path("row_count").asLong() != 1) {
                                errors.add("stored query for acknowledged " + name + " -> " + r);
                            }
                            count(counts, "read_stored_query");
                        } else if (kind < 7) {
                            Resp r = s.get("/graphs/knowledge/snapshot", auth);
                            if (r.status() != 200) {
                                errors.add("snapshot -> " + r);
                            }
                            count(counts, "read_snapshot");
                        } else if (kind < 9) {
                            Resp r = s.post("/graphs/knowledge/query", "{\"query\":\"query q() { match { $p: Person } return"
                                    + " { count($p) as n } }\"}", auth);
                            if (r.status() != 200) {
                                errors.add("query -> " + r);
                            }
                            count(counts, "read_adhoc_query");
                        } else {
                            int before = acked.size();
                            Resp r = s.post("/graphs/knowledge/export", "{}", auth);
                            if (r.status() != 200 || r.text().lines().count() < before + 1) {
                                errors.add("export (" + before + " acknowledged) -> " + r.status() + " with "
                                        + r.text().lines().count() + " lines");
                            }
                            count(counts, "read_export");
                        }
                        readMs.add((System.nanoTime() - t0) / 1_000_000);
                    }
                }));
            }
            Thread reloader = Thread.ofPlatform().name("reloader").start(() -> {
                for (int rev = 1; !stop.get(); rev++) {
                    try {
                        // a new stored query revision, applied in-process by the control plane …
                        f.write("extra.gq", "// revision " + rev + "\nquery extra() { match { $p: Person } return { $p.name"
                                + (rev % 2 == 0 ? ", $p.age" : "") + " } }\n");
                        if (rev == 1) {
                            f.write("cluster.yaml", f.read("cluster.yaml").replace("      find_person: { file: ./people.gq }\n",
                                    "      find_person: { file: ./people.gq }\n      extra: { file: ./extra.gq }\n"));
                        }
                        JsonNode applied = f.cp().apply(f.dir, java.util.Optional.of("andrew")).json();
                        if (!applied.path("converged").asBoolean()) {
                            errors.add("cluster apply of revision " + rev + " did not converge: " + applied);
                            return;
                        }
                        count(counts, "cluster_apply");
                        // … and picked up by the poller or by the admin route
                        Resp r = s.post("/admin/reload", "", auth);
                        String outcome = r.json().path("outcome").asText();
                        if (r.status() != 200 || !(outcome.equals("reloaded") || outcome.equals("unchanged"))) {
                            errors.add("reload -> " + r);
                        }
                        count(counts, "admin_reload:" + outcome);
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        errors.add("reloader: " + e);
                        return;
                    }
                }
            });
            threads.add(reloader);

            long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            while (System.nanoTime() < end && errors.isEmpty()) {
                Thread.sleep(100);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(errors).as("errors during the soak").isEmpty();

            // no acknowledged write lost, none duplicated, nothing unacknowledged appeared
            Resp export = s.post("/graphs/knowledge/export", "{}", auth);
            List<String> names = new ArrayList<>();
            for (String line : export.text().lines().toList()) {
                String name = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("data").path("name").asText();
                if (name.startsWith("w")) {
                    names.add(name);
                }
            }
            Set<String> unique = new HashSet<>(names);
            assertThat(unique).as("duplicates").hasSize(names.size());
            assertThat(unique).isEqualTo(new HashSet<>(acked));
            String served = s.get("/admin/status", auth).json().path("served").toString();
            System.out.println("ServerSoakTest: " + SECONDS + " s, " + WRITERS + " writers, " + READERS + " readers; "
                    + new java.util.TreeMap<>(counts) + "; write latency " + percentiles(writeMs) + "; read latency "
                    + percentiles(readMs) + "; served " + served);
            assertThat(acked.size()).as("writes acknowledged").isGreaterThan(WRITERS);
            assertThat(counts.getOrDefault("cluster_apply", new AtomicLong()).get()).as("revisions applied").isGreaterThan(0);
        }
    }

    static void count(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static String percentiles(ConcurrentLinkedQueue<Long> ms) {
        long[] a = ms.stream().mapToLong(Long::longValue).toArray();
        if (a.length == 0) {
            return "n/a";
        }
        Arrays.sort(a);
        return "p50 " + a[a.length / 2] + " ms, p99 " + a[Math.min(a.length - 1, (int) (a.length * 0.99))] + " ms, max "
                + a[a.length - 1] + " ms (n=" + a.length + ")";
    }
}
