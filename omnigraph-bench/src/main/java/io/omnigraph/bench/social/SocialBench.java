package io.omnigraph.bench.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.index.TopologyIndex;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.QueryExecutor;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.ReadQueries;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.snapshot.ReadTarget;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The social-graph read benchmark: generates the graph ({@link SocialGraph}), loads it into a local graph root through
 * the engine facade, builds the topology indexes (timed, per edge type), then runs the nine graph-benchmark queries
 * ({@code social.gq}) warm: {@code --warmup} runs, then {@code --runs} measured runs each, reporting median, p95 and
 * min of the end-to-end {@code Graph.query} call (ref read + compile + execute) and of the executor alone.
 *
 * <pre>
 * java -cp … io.omnigraph.bench.social.SocialBench [--persons 100000] [--cities 1000] [--mean-follows 24]
 *      [--runs 20] [--warmup 5] [--dir DIR] [--index-mode auto|scan|index] [--only q1,q8]
 * </pre>
 */
public final class SocialBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One benchmark query: name in social.gq and its parameters. */
    public record BenchQuery(String label, String name, String params) {
    }

    public static final List<BenchQuery> QUERIES = List.of(
            new BenchQuery("Q1 top 3 most-followed", "top_followed", "{}"),
            new BenchQuery("Q2 city of most-followed", "city_of_most_followed", "{}"),
            new BenchQuery("Q3 youngest cities in a country", "youngest_cities", "{\"country\":\"United States\"}"),
            new BenchQuery("Q4 persons aged 30-40 per country", "persons_by_age_per_country", "{\"lo\":30,\"hi\":40}"),
            new BenchQuery("Q5 men in London into fine dining", "london_fine_dining_men",
                    "{\"gender\":\"male\",\"city\":\"London\",\"country\":\"United Kingdom\",\"interest\":\"fine dining\"}"),
            new BenchQuery("Q6 cities with most women into tennis", "tennis_women_cities",
                    "{\"gender\":\"female\",\"interest\":\"tennis\"}"),
            new BenchQuery("Q7 US state with most 23-30 into photography", "photography_state",
                    "{\"country\":\"United States\",\"lo\":23,\"hi\":30,\"interest\":\"photography\"}"),
            new BenchQuery("Q8 2-hop path count", "two_hop_paths", "{}"),
            new BenchQuery("Q9 filtered 2-hop path count", "filtered_two_hop_paths", "{\"age1\":50,\"age2\":25}"));

    private SocialBench() {
    }

    /** The nine queries' source. */
    public static String queries() {
        try (InputStream in = SocialBench.class.getResourceAsStream("social.gq")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Timings of one query. */
    public record Timing(BenchQuery query, int rows, String firstRow, double coldMs, double medianMs, double p95Ms,
                         double minMs, double execMedianMs, double execP95Ms) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SocialGraph.Params p = new SocialGraph.Params(Integer.parseInt(opts.getOrDefault("persons", "100000")),
                Integer.parseInt(opts.getOrDefault("cities", "1000")),
                Double.parseDouble(opts.getOrDefault("mean-follows", "24")), Long.parseLong(opts.getOrDefault("seed", "20240611")));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        IndexMode mode = IndexMode.valueOf(opts.getOrDefault("index-mode", "auto").toUpperCase(Locale.ROOT));
        Path dir = Path.of(opts.getOrDefault("dir", Files.createTempDirectory("omnigraph-social").toString()));
        Files.createDirectories(dir);
        List<String> only = opts.containsKey("only") ? Arrays.asList(opts.get("only").split(",")) : List.of();

        System.out.printf("machine: %d cores, JDK %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        SocialGraph.Data data = SocialGraph.generate(p);
        Path ndjson = dir.resolve("social.jsonl");
        SocialGraph.writeNdjson(data, ndjson);
        System.out.printf("generated %,d persons, %,d follows in %.1f s -> %s (%.0f MiB)%n", p.persons(), data.follows(),
                secs(t0), ndjson, Files.size(ndjson) / 1048576.0);
        Path root = dir.resolve("social.omni");
        if (!Files.exists(root.resolve("graph.json"))) {
            Files.createDirectories(root);
            try (Graph g = OmniGraph.init(root.toString(), SocialGraph.SCHEMA, InitOptions.defaults());
                 InputStream in = new BufferedInputStream(Files.newInputStream(ndjson), 1 << 20)) {
                long t1 = System.nanoTime();
                LoadResult r = g.load(Optional.empty(), LoadRequest.of(in, "main", LoadMode.OVERWRITE));
                System.out.printf("loaded %,d entities in %.1f s (one commit %s)%n", r.totalEntities(), secs(t1),
                        r.commit().graphCommitId());
            }
        }
        try (Graph g = OmniGraph.open(root.toString(), OpenOptions.defaults())) {
            long t2 = System.nanoTime();
            ReadView view = g.read(Optional.empty(), ReadTarget.branch("main"));
            SnapshotGraph sg = new SnapshotGraph(view.snapshot(), view.schema(), g.indexes());
            for (var t : view.catalog().entityTypes()) {
                sg.table(t);
            }
            System.out.printf("opened and decoded all tables in %.2f s%n", secs(t2));
            for (EdgeType e : view.catalog().edgeTypes()) {
                double[] ms = new double[6];
                TopologyIndex idx = null;
                for (int i = 0; i < ms.length; i++) {
                    long b = System.nanoTime();
                    idx = TopologyIndex.build(sg.table(e), sg.table(view.catalog().nodeType(e.from()).orElseThrow()),
                            sg.table(view.catalog().nodeType(e.to()).orElseThrow()));
                    ms[i] = (System.nanoTime() - b) / 1e6;
                }
                System.out.printf("topology %-12s %,10d edges: first build %.1f ms, then median %.1f ms (%.1f MiB)%n",
                        e.name(), idx.edgeCount(), ms[0], percentile(Arrays.copyOfRange(ms, 1, ms.length), 50),
                        idx.estimatedBytes() / 1048576.0);
            }
            List<Timing> timings = run(g, sg, only, runs, warmup, mode);
            System.out.println();
            System.out.println(table(timings, runs, warmup));
        }
    }

    /** Runs the selected queries; the first call of each is reported as cold (indexes may be built then). */
    public static List<Timing> run(Graph g, SnapshotGraph sg, List<String> only, int runs, int warmup, IndexMode mode)
            throws IOException {
        String source = queries();
        ExecOptions options = ExecOptions.defaults().withIndexMode(mode);
        List<Timing> out = new ArrayList<>();
        for (BenchQuery q : QUERIES) {
            if (!only.isEmpty() && !only.contains(q.name()) && !only.contains(q.label().substring(0, q.label().indexOf(' ')))) {
                continue;
            }
            JsonNode params = JSON.readTree(q.params());
            QueryRequest req = QueryRequest.of(source).named(q.name()).withParams(params).withOptions(options);
            long c0 = System.nanoTime();
            QueryResult first = g.query(Optional.empty(), req);
            double cold = (System.nanoTime() - c0) / 1e6;
            ReadQuery plan = (ReadQuery) QueryCompiler.compile(source, "social.gq", q.name(), sg.catalog());
            Map<String, Value> pv = ReadQueries.params(plan, Optional.of(params));
            for (int i = 0; i < warmup; i++) {
                g.query(Optional.empty(), req);
                QueryExecutor.execute(plan, sg, pv, options);
            }
            // alternate the two measurements so both see the same machine conditions
            double[] ms = new double[runs];
            double[] exec = new double[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                g.query(Optional.empty(), req);
                ms[i] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                QueryRows rows = QueryExecutor.execute(plan, sg, pv, options);
                exec[i] = (System.nanoTime() - s) / 1e6;
                if (rows.rowCount() != first.rowCount()) {
                    throw new IllegalStateException(q.name() + " is not deterministic");
                }
            }
            String firstRow = first.rows().isEmpty() ? "" : io.omnigraph.engine.output.ReadOutput
                    .row(first.columns(), first.rows().get(0), io.omnigraph.compiler.types.Values.NumberStyle.NATIVE).toString();
            Timing t = new Timing(q, first.rowCount(), firstRow, cold, percentile(ms, 50), percentile(ms, 95), min(ms),
                    percentile(exec, 50), percentile(exec, 95));
            System.out.printf("%-46s rows %3d  cold %8.1f ms  median %8.2f ms  p95 %8.2f ms  (executor median %8.2f ms)  %s%n",
                    q.label(), t.rows(), t.coldMs(), t.medianMs(), t.p95Ms(), t.execMedianMs(), firstRow);
            out.add(t);
        }
        return out;
    }

    static String table(List<Timing> timings, int runs, int warmup) {
        StringBuilder sb = new StringBuilder();
        sb.append("| query | rows | first (cold) ms | median ms | p95 ms | min ms | executor median ms | first row |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Timing t : timings) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f | `%s` |%n", t.query().label(),
                    t.rows(), t.coldMs(), t.medianMs(), t.p95Ms(), t.minMs(), t.execMedianMs(), t.firstRow()));
        }
        sb.append(String.format(Locale.ROOT, "(%d warm-up runs, %d measured runs per query)%n", warmup, runs));
        return sb.toString();
    }

    static double percentile(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
