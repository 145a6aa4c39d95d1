package io.omnigraph.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.query.IndexMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A steady-state query loop over a graph {@link SearchBench} already wrote (for profiling one query shape with JFR,
 * without the exact-oracle runs of the benchmark in between):
 * <pre>
 * java -XX:StartFlightRecording=settings=profile,filename=/tmp/x.jfr -cp … io.omnigraph.bench.search.SearchLoop \
 *      --dir /tmp/sb [--docs 100000] [--dim 384] [--kind nearest|bm25] [--queries 2000] [--mode index|auto|scan]
 * </pre>
 * Prints p50/p95/min of the loop.
 */
public final class SearchLoop {
    private SearchLoop() {
    }

    public static void main(String[] args) throws Exception {
        SearchBench.Options d = SearchBench.Options.defaults();
        int docs = d.docs();
        int dim = d.dim();
        int queries = 2000;
        String kind = "nearest";
        IndexMode mode = IndexMode.INDEX;
        Path dir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(v);
                case "--dim" -> dim = Integer.parseInt(v);
                case "--queries" -> queries = Integer.parseInt(v);
                case "--kind" -> kind = v;
                case "--mode" -> mode = IndexMode.valueOf(v.toUpperCase(Locale.ROOT));
                case "--dir" -> dir = Path.of(v);
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the class Javadoc");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            System.err.println("--dir is required (a directory SearchBench wrote)");
            System.exit(2);
        }
        Path root = dir.resolve("search-" + docs + "x" + dim + ".omni");
        if (!Files.exists(root.resolve("graph.json"))) {
            System.err.println("no graph at " + root + "; run SearchBench --dir " + dir + " --persist first");
            System.exit(2);
        }
        SearchBench.Data data = new SearchBench.Data(new SearchBench.Options(docs, dim, d.clusters(), d.spread(), queries,
                0, d.seed(), java.util.Optional.of(dir), true));
        try (Graph g = OmniGraph.open(root.toString(), OpenOptions.defaults())) {
            boolean nearest = kind.equals("nearest");
            String q = nearest ? SearchBench.nearestQuery(dim) : SearchBench.BM25;
            Random rnd = new Random(d.seed() + 5);
            double[] ms = new double[queries];
            int warm = Math.max(50, queries / 10);
            for (int i = -warm; i < queries; i++) {
                JsonNode p = nearest ? SearchBench.vectorParams(data.vector(rnd))
                        : SearchBench.JSON.createObjectNode().put("q", data.text(rnd, 1 + rnd.nextInt(3)));
                long a = System.nanoTime();
                SearchBench.run(g, q, p, mode);
                if (i >= 0) {
                    ms[i] = SearchBench.ms(System.nanoTime() - a);
                }
            }
            SearchBench.Latency l = SearchBench.Latency.of(ms);
            System.out.printf(Locale.ROOT, "%s %s x%d: p50 %.2f ms p95 %.2f ms min %.2f ms%n", kind, mode, queries,
                    l.p50(), l.p95(), l.min());
        }
    }
}
