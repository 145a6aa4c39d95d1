package io.omnigraph.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.search.SearchIndexHook;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.QueryResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The search benchmark (docs/benchmarks.md "Search"): a graph of {@code --docs} documents, each a short text (8–20
 * words, Zipf over a synthetic vocabulary) and a {@code --dim}-d unit vector drawn around one of {@code --clusters}
 * random centres (embedding-like: clustered, L2-normalised), loaded through {@code Graph.load}. Then, through
 * {@code Graph.query}:
 * <ul>
 *   <li>{@code nearest … limit 10}: the first indexed query (HNSW build, timed), then {@code --queries} queries drawn
 *       from the same distribution (not in the data), each run indexed ({@link IndexMode#INDEX}) and exact
 *       ({@link IndexMode#SCAN}, brute force) — latency p50/p95 of both and recall@10 of indexed vs exact;</li>
 *   <li>{@code bm25 … limit 10} over the texts with 1–3-word queries: first query (inverted index build), then p50/p95.</li>
 * </ul>
 *
 * <pre>
 * java -cp … io.omnigraph.bench.search.SearchBench [--docs 100000] [--dim 384] [--clusters 1000] [--spread 0.6]
 *      [--queries 200] [--warmup 50] [--seed 7] [--dir DIR] [--persist]
 * </pre>
 * {@code --persist} runs {@code optimize} with the search index hook after loading (indexes written to the graph root),
 * so the first indexed query loads the HNSW graph instead of building it; an existing graph in {@code --dir} is reused
 * (no load). Add {@code --add-modules jdk.incubator.vector} to the JVM for Lucene's SIMD distance functions.
 * <pre>
 * </pre>
 */
public final class SearchBench {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Benchmark settings. */
    public record Options(int docs, int dim, int clusters, double spread, int queries, int warmup, long seed, Optional<Path> dir,
                          boolean persist) {
        public static Options defaults() {
            return new Options(100_000, 384, 1000, 0.6, 200, 50, 7, Optional.empty(), false);
        }
    }

    /** Latency summary in milliseconds. */
    public record Latency(double p50, double p95, double min) {
        static Latency of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Latency(pct(s, 0.50), pct(s, 0.95), s[0]);
        }

        private static double pct(double[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /** What one run measured. */
    public record Report(int docs, int dim, double loadSeconds, double firstIndexedNearestMs, Latency nearestIndexed,
                         Latency nearestExact, double recallAt10, double minRecallAt10, double firstBm25Ms, Latency bm25) {
    }

    private SearchBench() {
    }

    static String schema(int dim) {
        return "node Doc {\n    slug: String @key\n    body: String @index\n    embedding: Vector(" + dim + ")\n}\n";
    }

    static String nearestQuery(int dim) {
        return "query n($q: Vector(" + dim + ")) { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $q) } limit 10 }";
    }

    static final String BM25 = "query b($q: String) { match { $d: Doc } return { $d.slug } order { bm25($d.body, $q) } limit 10 }";

    /** The synthetic vocabulary: pronounceable words from syllables, deterministic. */
    static String[] vocabulary(int size, Random rnd) {
        String[] syl = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qui", "dro", "fen", "gal", "hor", "jun",
                "bel", "cor", "dit", "fas", "gor", "lin", "mar", "nox", "pel", "rin", "sol", "tur", "val", "wen"};
        Set<String> seen = new HashSet<>();
        String[] out = new String[size];
        for (int i = 0; i < size; ) {
            StringBuilder w = new StringBuilder();
            int n = 2 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                w.append(syl[rnd.nextInt(syl.length)]);
            }
            if (seen.add(w.toString())) {
                out[i++] = w.toString();
            }
        }
        return out;
    }

    /** A Zipf(1.0) sampler over {@code n} ranks by inverse CDF. */
    static final class Zipf {
        final double[] cdf;

        Zipf(int n) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / (i + 1);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        int next(Random rnd) {
            int i = Arrays.binarySearch(cdf, rnd.nextDouble());
            return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
        }
    }

    /** The data generator: documents and queries from one seeded distribution. */
    static final class Data {
        final Options o;
        final float[][] centres;
        final String[] vocab;
        final Zipf zipf;

        Data(Options o) {
            this.o = o;
            Random rnd = new Random(o.seed());
            centres = new float[o.clusters()][o.dim()];
            for (float[] c : centres) {
                for (int i = 0; i < c.length; i++) {
                    c[i] = (float) rnd.nextGaussian();
                }
            }
            vocab = vocabulary(20_000, rnd);
            zipf = new Zipf(vocab.length);
        }

        float[] vector(Random rnd) {
            float[] c = centres[rnd.nextInt(centres.length)];
            float[] v = new float[c.length];
            double n = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = c[i] + (float) (o.spread() * rnd.nextGaussian());
                n += v[i] * v[i];
            }
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
            return v;
        }

        String text(Random rnd, int words) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < words; w++) {
                b.append(w == 0 ? "" : " ").append(vocab[zipf.next(rnd)]);
            }
            return b.toString();
        }

        /** NDJSON of all documents, generated lazily (never held in memory as a whole). */
        InputStream ndjson() {
            Random rnd = new Random(o.seed() + 1);
            return new SequenceInputStream(new Enumeration<>() {
                int i;

                @Override
                public boolean hasMoreElements() {
                    return i < o.docs();
                }

                @Override
                public InputStream nextElement() {
                    StringBuilder line = new StringBuilder(o.dim() * 12 + 256);
                    line.append("{\"type\":\"Doc\",\"data\":{\"slug\":\"d").append(i++).append("\",\"body\":\"")
                            .append(text(rnd, 8 + rnd.nextInt(13))).append("\",\"embedding\":[");
                    float[] v = vector(rnd);
                    for (int k = 0; k < v.length; k++) {
                        line.append(k == 0 ? "" : ",").append(v[k]);
                    }
                    line.append("]}}\n");
                    return new ByteArrayInputStream(line.toString().getBytes(StandardCharsets.UTF_8));
                }
            });
        }
    }

    static JsonNode vectorParams(float[] q) {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode a = p.putArray("q");
        for (float x : q) {
            a.add(x);
        }
        return p;
    }

    static List<String> run(Graph g, String q, JsonNode params, IndexMode mode) {
        QueryResult r = g.query(Optional.empty(), QueryRequest.of(q).withParams(params)
                .withOptions(ExecOptions.defaults().withIndexMode(mode)));
        List<String> out = new ArrayList<>(r.rows().size());
        for (List<Value> row : r.rows()) {
            out.add(((Value.Text) row.get(0)).value());
        }
        return out;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Runs the benchmark, logging progress to {@code log}. */
    public static Report run(Options o, PrintStream log) throws IOException {
        Path dir = o.dir().isPresent() ? o.dir().get() : Files.createTempDirectory("omnigraph-search-bench");
        Path root = dir.resolve("search-" + o.docs() + "x" + o.dim() + ".omni");
        Data data = new Data(o);
        double loadSeconds = 0;
        if (Files.exists(root.resolve("graph.json"))) {
            log.printf(Locale.ROOT, "reusing %s%n", root);
        } else {
            try (Graph g = OmniGraph.init(root.toString(), schema(o.dim()), InitOptions.defaults())) {
                long t0 = System.nanoTime();
                try (InputStream in = data.ndjson()) {
                    g.load(Optional.empty(), LoadRequest.of(in, "main", LoadMode.OVERWRITE));
                }
                loadSeconds = (System.nanoTime() - t0) / 1e9;
            }
            log.printf(Locale.ROOT, "loaded %,d docs x %d-d in %.1f s%n", o.docs(), o.dim(), loadSeconds);
        }
        if (o.persist()) {
            try (Graph g = OmniGraph.open(root.toString(), OpenOptions.defaults())) {
                long t0 = System.nanoTime();
                Maintenance.optimize(g, Optional.of("bench"), SearchIndexHook.INSTANCE);
                log.printf(Locale.ROOT, "optimize (build + persist text and HNSW indexes, skipped when present): %.1f s%n",
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        try (Graph g = OmniGraph.open(root.toString(), OpenOptions.defaults())) {
            String nearest = nearestQuery(o.dim());
            Random qr = new Random(o.seed() + 2);
            run(g, nearest, vectorParams(data.vector(qr)), IndexMode.SCAN); // decode the table first
            long t0 = System.nanoTime();
            run(g, nearest, vectorParams(data.vector(qr)), IndexMode.INDEX);
            double firstIndexed = ms(System.nanoTime() - t0);
            log.printf(Locale.ROOT, "first indexed nearest (%s): %.0f ms%n", o.persist() ? "load the persisted HNSW index"
                    : "HNSW build", firstIndexed);
            for (int i = 0; i < o.warmup(); i++) {
                JsonNode p = vectorParams(data.vector(qr));
                run(g, nearest, p, IndexMode.INDEX);
                run(g, nearest, p, IndexMode.SCAN);
            }
            double[] indexed = new double[o.queries()];
            double[] exact = new double[o.queries()];
            double recall = 0;
            double minRecall = 1;
            for (int i = 0; i < o.queries(); i++) {
                JsonNode p = vectorParams(data.vector(qr));
                long a = System.nanoTime();
                List<String> got = run(g, nearest, p, IndexMode.INDEX);
                long b = System.nanoTime();
                List<String> truth = run(g, nearest, p, IndexMode.SCAN);
                long c = System.nanoTime();
                indexed[i] = ms(b - a);
                exact[i] = ms(c - b);
                Set<String> hit = new HashSet<>(truth);
                hit.retainAll(got);
                double r = hit.size() / (double) Math.max(1, truth.size());
                recall += r;
                minRecall = Math.min(minRecall, r);
            }
            recall /= o.queries();
            Latency li = Latency.of(indexed);
            Latency le = Latency.of(exact);
            log.printf(Locale.ROOT, "nearest limit 10: indexed p50 %.2f ms p95 %.2f ms min %.2f ms | exact p50 %.2f ms p95 %.2f ms"
                    + " | recall@10 mean %.4f min %.2f%n", li.p50(), li.p95(), li.min(), le.p50(), le.p95(), recall, minRecall);

            Random tr = new Random(o.seed() + 3);
            long t1 = System.nanoTime();
            run(g, BM25, JSON.createObjectNode().put("q", data.text(tr, 2)), IndexMode.AUTO);
            double firstBm25 = ms(System.nanoTime() - t1);
            for (int i = 0; i < o.warmup(); i++) {
                run(g, BM25, JSON.createObjectNode().put("q", data.text(tr, 1 + tr.nextInt(3))), IndexMode.AUTO);
            }
            double[] bm = new double[o.queries()];
            for (int i = 0; i < o.queries(); i++) {
                JsonNode p = JSON.createObjectNode().put("q", data.text(tr, 1 + tr.nextInt(3)));
                long a = System.nanoTime();
                run(g, BM25, p, IndexMode.AUTO);
                bm[i] = ms(System.nanoTime() - a);
            }
            Latency lb = Latency.of(bm);
            log.printf(Locale.ROOT, "bm25 limit 10 (1-3 words): first (index build) %.0f ms, then p50 %.2f ms p95 %.2f ms min %.2f ms%n",
                    firstBm25, lb.p50(), lb.p95(), lb.min());
            return new Report(o.docs(), o.dim(), loadSeconds, firstIndexed, li, le, recall, minRecall, firstBm25, lb);
        }
    }

    public static void main(String[] args) throws IOException {
        Options d = Options.defaults();
        int docs = d.docs();
        int dim = d.dim();
        int clusters = d.clusters();
        double spread = d.spread();
        int queries = d.queries();
        int warmup = d.warmup();
        long seed = d.seed();
        Optional<Path> dir = Optional.empty();
        boolean persist = false;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(v);
                case "--dim" -> dim = Integer.parseInt(v);
                case "--clusters" -> clusters = Integer.parseInt(v);
                case "--spread" -> spread = Double.parseDouble(v);
                case "--queries" -> queries = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--dir" -> dir = Optional.of(Path.of(v));
                case "--persist" -> {
                    persist = true;
                    i--;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "; see the class Javadoc");
                    System.exit(2);
                }
            }
            i++;
        }
        try {
            run(new Options(docs, dim, clusters, spread, queries, warmup, seed, dir, persist), System.out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
