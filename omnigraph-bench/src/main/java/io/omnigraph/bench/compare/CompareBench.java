package io.omnigraph.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.omnigraph.bench.social.SocialGraph;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side-by-side run of one system (see {@link GraphSystem}) over the synthetic social graph: generate (deterministic),
 * prepare input files (untimed), bulk load (timed), then per query one cold call, {@code --warmup} warm-up calls and
 * up to {@code --runs} measured calls (stopping early once a query has used {@code --budget} seconds, the number of
 * runs actually made is recorded). Writes one JSON result file; {@link CompareReport} cross-checks and tabulates
 * several of them. Each system runs in its own JVM (see {@code bin/bench}), so heap and JIT state are not shared.
 *
 * <pre>
 * java … io.omnigraph.bench.compare.CompareBench --system omnigraph|kuzu|neo4j --out FILE.json
 *      [--persons 100000] [--runs 20] [--warmup 5] [--budget 240] [--dir DIR] [--only Q8,Q9]
 * </pre>
 * Kuzu and Neo4j are only on the class path of the {@code bench} Maven profile.
 */
public final class CompareBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Measured figures of one query on one system. */
    public record QueryFigures(String id, String label, List<List<String>> rows, double coldMs, double medianMs,
                               double p95Ms, double minMs, int runs) {
    }

    /** One system's result file. */
    public record Result(String system, String version, String jdk, int cores, long maxHeapMiB, int persons,
                         int follows, double loadSeconds, long heapAfterLoadMiB, long heapAfterQueriesMiB,
                         List<QueryFigures> queries) {
    }

    private CompareBench() {
    }

    public static GraphSystem system(String name) throws ReflectiveOperationException {
        return switch (name) {
            case "omnigraph" -> new OmniGraphSystem();
            case "kuzu" -> (GraphSystem) Class.forName("io.omnigraph.bench.peers.KuzuSystem").getConstructor().newInstance();
            case "neo4j" -> (GraphSystem) Class.forName("io.omnigraph.bench.peers.Neo4jSystem").getConstructor().newInstance();
            default -> throw new IllegalArgumentException("--system must be omnigraph, kuzu or neo4j, not '" + name + "'");
        };
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SocialGraph.Params p = new SocialGraph.Params(Integer.parseInt(o.getOrDefault("persons", "100000")),
                Integer.parseInt(o.getOrDefault("cities", "1000")), Double.parseDouble(o.getOrDefault("mean-follows", "24")),
                Long.parseLong(o.getOrDefault("seed", "20240611")));
        Path dir = Path.of(o.getOrDefault("dir", Files.createTempDirectory("omnigraph-compare").toString()));
        Result r = run(system(o.getOrDefault("system", "omnigraph")), p, dir,
                Integer.parseInt(o.getOrDefault("runs", "20")), Integer.parseInt(o.getOrDefault("warmup", "5")),
                Double.parseDouble(o.getOrDefault("budget", "240")),
                o.containsKey("only") ? Arrays.asList(o.get("only").split(",")) : List.of());
        if (o.containsKey("out")) {
            JSON.writeValue(Path.of(o.get("out")).toFile(), r);
        }
        System.exit(0); // peers may leave non-daemon threads behind
    }

    /** Runs the whole sequence for one system; {@code dir} must be empty or absent. */
    public static Result run(GraphSystem sys, SocialGraph.Params p, Path dir, int runs, int warmup, double budgetSeconds,
                             List<String> only) throws Exception {
        Files.createDirectories(dir);
        SocialGraph.Data data = SocialGraph.generate(p);
        try (sys) {
            sys.prepare(data, dir);
            System.out.printf("%s: %s, %d persons, %,d follows, JDK %s, %d cores, max heap %d MiB%n", sys.name(),
                    sys.version(), p.persons(), data.follows(), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            long t = System.nanoTime();
            sys.load(data, dir);
            double loadSeconds = (System.nanoTime() - t) / 1e9;
            long heapAfterLoad = usedHeapMiB();
            System.out.printf("%s: loaded in %.2f s, heap after GC %d MiB%n", sys.name(), loadSeconds, heapAfterLoad);
            List<QueryFigures> figures = new ArrayList<>();
            for (CompareQuery q : CompareQuery.ALL) {
                if (!only.isEmpty() && !only.contains(q.id())) {
                    continue;
                }
                long c = System.nanoTime();
                List<List<String>> rows = sys.run(q);
                double cold = (System.nanoTime() - c) / 1e6;
                long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
                for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) {
                    sys.run(q);
                }
                double[] ms = new double[runs];
                int n = 0;
                while (n < runs && (n < 3 || System.nanoTime() < deadline)) {
                    long s = System.nanoTime();
                    List<List<String>> again = sys.run(q);
                    ms[n++] = (System.nanoTime() - s) / 1e6;
                    if (!again.equals(rows)) {
                        throw new IllegalStateException(sys.name() + " " + q.id() + " is not deterministic: " + rows + " vs " + again);
                    }
                }
                double[] m = Arrays.copyOf(ms, n);
                QueryFigures f = new QueryFigures(q.id(), q.gq().label(), rows, cold, percentile(m, 50), percentile(m, 95),
                        Arrays.stream(m).min().orElse(Double.NaN), n);
                System.out.printf("%s %-3s cold %9.1f ms  median %9.2f ms  p95 %9.2f ms  min %9.2f ms  (%d runs)  %s%n",
                        sys.name(), q.id(), cold, f.medianMs(), f.p95Ms(), f.minMs(), n, rows.isEmpty() ? "" : rows.get(0));
                figures.add(f);
            }
            return new Result(sys.name(), sys.version(), System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, p.persons(),
                    data.follows(), loadSeconds, heapAfterLoad, usedHeapMiB(), figures);
        }
    }

    /** Used heap after a full GC, in MiB. */
    static long usedHeapMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    static double percentile(double[] v, int p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }
}
