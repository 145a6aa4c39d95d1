package io.omnigraph.bench.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load test of {@code omnigraph-server --cluster} serving the company-brain demo (PolicyEnabled: bearer token + Cedar
 * gate on every request): stored-query invocations and key lookups, plus two engine-light reads for reference.
 *
 * <pre>
 *   java -cp … io.omnigraph.bench.server.ServerBench [--duration 20] [--warmup 5] [--concurrency 32] [--workload all]
 * </pre>
 * Prints one Markdown table row per workload (req/s, p50/p90/p99/max in ms, errors) — the format of
 * docs/benchmarks.md, "Server".
 */
public final class ServerBench {
    private ServerBench() {
    }

    /** The workloads: name → requests (cycled per worker). */
    public static List<Workload> workloads(DemoCluster demo) {
        String[] auth = {"Authorization", "Bearer " + DemoCluster.TOKEN};
        String g = "/graphs/knowledge";
        List<HttpLoad.Request> storedQuery = new ArrayList<>();
        for (String project : List.of("atlas", "compass", "lantern", "harbor")) {
            storedQuery.add(HttpLoad.Request.postJson(g + "/queries/who_works_on", "{\"params\":{\"project\":\"" + project
                    + "\"}}", auth));
        }
        List<HttpLoad.Request> keyLookup = new ArrayList<>();
        for (String slug : List.of("andrew", "ruth", "sam", "lee", "maya")) {
            keyLookup.add(HttpLoad.Request.postJson(g + "/queries/person", "{\"params\":{\"slug\":\"" + slug + "\"}}", auth));
        }
        return List.of(
                new Workload("stored-query", "POST /queries/who_works_on (a traversal)", storedQuery),
                new Workload("key-lookup", "POST /queries/person (by @key slug)", keyLookup),
                new Workload("commit-lookup", "GET /commits/{id}", List.of(HttpLoad.Request.get(g + "/commits/"
                        + demo.headCommit(), auth))),
                new Workload("snapshot", "GET /snapshot (per-type counts)", List.of(HttpLoad.Request.get(g + "/snapshot", auth))),
                new Workload("healthz", "GET /healthz (no auth, no engine)", List.of(HttpLoad.Request.get("/healthz"))));
    }

    /** A named request mix. */
    public record Workload(String name, String description, List<HttpLoad.Request> requests) {
    }

    public static void main(String[] args) throws Exception {
        int duration = 20;
        int warmup = 5;
        int concurrency = 32;
        String only = "all";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--workload" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --duration S --warmup S --concurrency N --workload NAME|all)");
            }
        }
        Path dir = Files.createTempDirectory("omnigraph-server-bench");
        try (DemoCluster demo = DemoCluster.start(dir.resolve("company-brain"))) {
            System.out.printf(Locale.ROOT, "# server benchmark: %d cores, JDK %s, %d workers, %d s warm-up, %d s measured%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), concurrency, warmup, duration);
            System.out.println("| workload | workers | measured | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (Workload w : workloads(demo)) {
                if (!only.equals("all") && !only.equals(w.name())) {
                    continue;
                }
                HttpLoad.Result r = HttpLoad.run(w.name(), demo.host(), demo.port(), w.requests(), concurrency,
                        Duration.ofSeconds(warmup), Duration.ofSeconds(duration), 200);
                System.out.println(r.row());
                r.sampleErrors().forEach(e -> System.out.println("    error sample: " + e));
            }
        }
    }
}
