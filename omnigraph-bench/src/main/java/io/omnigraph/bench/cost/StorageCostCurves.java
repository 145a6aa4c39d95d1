package io.omnigraph.bench.cost;

import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.merge.MergeOutcome;
import io.omnigraph.engine.merge.MergeRequest;
import io.omnigraph.engine.merge.MergeResult;
import io.omnigraph.engine.merge.IntegrityMergeValidator;
import io.omnigraph.engine.merge.Merger;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.CountingObjectStore;
import io.omnigraph.storage.wrap.OpCounts;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Storage cost curves: store operations and sequential round trips (counted by the real {@link CountingObjectStore},
 * deterministic) and wall time of the basic writes — keyed node insert, edge insert, load of 1,000 rows, branch
 * create, branch delete, three-way merge — as functions of the schema width (number of types) and the history depth
 * (commits on main). Every write is measured on a freshly opened handle ("cold": the handle's one-off GET of
 * {@code graph.json} excluded) and again on the same handle ("warm").
 *
 * <p>The graph for one (types, depth) point is built on an {@link InMemoryObjectStore} and then copied object by
 * object to the store under test (so an S3 run does not spend minutes building 1,000 commits over HTTP).
 */
public final class StorageCostCurves {
    /** The operations measured. */
    public enum Op {
        KEYED_INSERT("keyed node insert"), EDGE_INSERT("edge insert"), LOAD_1K("load 1K rows (append)"),
        BRANCH_CREATE("branch create"), BRANCH_DELETE("branch delete"), MERGE("merge (3-way, 1 row each side)");

        public final String label;

        Op(String label) {
            this.label = label;
        }
    }

    /** One measured point: counts of the cold and the warm call, and the median wall time of the warm calls. */
    public record Point(int types, int depth, Op op, OpCounts cold, OpCounts warm, double coldMs, double warmMedianMs) {
    }

    private StorageCostCurves() {
    }

    /** {@code types} entity types in all: {@code types - 1} keyed node types T0.. and one edge type E: T0 -> T1. */
    public static String schema(int types) {
        StringJoiner j = new StringJoiner("\n");
        for (int i = 0; i < types - 1; i++) {
            j.add("node T" + i + " { name: String @key }");
        }
        j.add("edge E: T0 -> T1");
        return j.toString();
    }

    /**
     * Builds a graph whose main has exactly {@code depth} commits (≥ 2): genesis, one seed commit (T0 "a", T1 b0..b9),
     * then {@code depth - 2} single-row inserts spread round-robin over the node types.
     */
    public static InMemoryObjectStore build(int types, int depth, GraphStoreOptions opts) {
        if (depth < 2) {
            throw new IllegalArgumentException("depth counts genesis and the seed commit: at least 2, not " + depth);
        }
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (Graph g = OmniGraph.init(mem, schema(types), InitOptions.defaults().withStoreOptions(opts))) {
            StringBuilder seed = new StringBuilder("query q() { insert T0 { name: \"a\" }");
            for (int i = 0; i < 10; i++) {
                seed.append(" insert T1 { name: \"b").append(i).append("\" }");
            }
            g.mutate(Optional.empty(), MutationRequest.of(seed.append(" }").toString(), "main"));
            for (int i = 2; i < depth; i++) {
                g.mutate(Optional.empty(), MutationRequest.of(
                        "query q() { insert T" + (i % (types - 1)) + " { name: \"h" + i + "\" } }", "main"));
            }
        }
        return mem;
    }

    /** Copies every object of {@code from} into {@code to}. */
    public static void copy(ObjectStore from, ObjectStore to) {
        for (ObjectInfo o : from.list("")) {
            to.put(o.key(), from.get(o.key()).orElseThrow().bytes());
        }
    }

    /**
     * Measures every {@link Op} at one point. {@code target} gives an empty store for the graph (in memory or S3); the
     * history is copied into it first. {@code warmRuns} ≥ 1 warm calls per op.
     */
    public static List<Point> measure(int types, int depth, Supplier<ObjectStore> target, int warmRuns) {
        return measure(types, depth, target, warmRuns, java.util.EnumSet.allOf(Op.class));
    }

    /** As {@link #measure(int, int, Supplier, int)} for some operations only. */
    public static List<Point> measure(int types, int depth, Supplier<ObjectStore> target, int warmRuns,
                                      java.util.Set<Op> ops) {
        InMemoryObjectStore built = build(types, depth, GraphStoreOptions.defaults());
        ObjectStore store = target.get();
        copy(built, store);
        CountingObjectStore counting = new CountingObjectStore(store);
        List<Point> out = new ArrayList<>();
        int[] seq = {0};
        for (Op op : Op.values()) {
            if (!ops.contains(op)) {
                continue;
            }
            try (Graph g = OmniGraph.open(counting, OpenOptions.defaults())) {
                OpCounts cold = null;
                OpCounts warm = null;
                double coldMs = 0;
                double[] warmMs = new double[warmRuns];
                for (int run = 0; run <= warmRuns; run++) {
                    int n = seq[0]++;
                    Runnable setup = setup(g, op, n);
                    setup.run();
                    counting.reset();
                    long t = System.nanoTime();
                    perform(g, op, n);
                    double ms = (System.nanoTime() - t) / 1e6;
                    OpCounts c = counting.snapshot();
                    if (run == 0) {
                        cold = c;
                        coldMs = ms;
                    } else {
                        warm = c;
                        warmMs[run - 1] = ms;
                    }
                }
                Arrays.sort(warmMs);
                out.add(new Point(types, depth, op, cold, warm, coldMs, warmMs[(warmMs.length - 1) / 2]));
            }
        }
        return out;
    }

    private static Runnable setup(Graph g, Op op, int n) {
        return switch (op) {
            case KEYED_INSERT, EDGE_INSERT, LOAD_1K, BRANCH_CREATE -> () -> { };
            case BRANCH_DELETE -> () -> g.createBranch(Optional.empty(), "d" + n, "main");
            case MERGE -> () -> {
                g.createBranch(Optional.empty(), "m" + n, "main");
                g.mutate(Optional.empty(), MutationRequest.of("query q() { insert T2 { name: \"ms" + n + "\" } }", "m" + n));
                g.mutate(Optional.empty(), MutationRequest.of("query q() { insert T3 { name: \"mt" + n + "\" } }", "main"));
            };
        };
    }

    private static void perform(Graph g, Op op, int n) {
        switch (op) {
            case KEYED_INSERT -> g.mutate(Optional.empty(),
                    MutationRequest.of("query q() { insert T1 { name: \"k" + n + "\" } }", "main"));
            case EDGE_INSERT -> g.mutate(Optional.empty(),
                    MutationRequest.of("query q() { insert E { from: \"a\", to: \"b" + (n % 10) + "\" } }", "main"));
            case LOAD_1K -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    sb.append("{\"type\":\"T2\",\"data\":{\"name\":\"l").append(n).append('-').append(i).append("\"}}\n");
                }
                g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)),
                        "main", LoadMode.APPEND));
            }
            case BRANCH_CREATE -> g.createBranch(Optional.empty(), "c" + n, "main");
            case BRANCH_DELETE -> g.deleteBranch(Optional.empty(), "d" + n);
            case MERGE -> {
                MergeResult r = new Merger(g.store(), IntegrityMergeValidator.fromStoredSchema())
                        .merge(MergeRequest.of("m" + n, "main", Optional.empty()));
                if (r.outcome() != MergeOutcome.MERGED) {
                    throw new IllegalStateException("expected a three-way merge, got " + r.outcome());
                }
            }
        }
    }

    /** Markdown table of points: calls / round trips cold and warm, plus times when {@code timed}. */
    public static String table(List<Point> points, boolean timed) {
        StringBuilder sb = new StringBuilder("| operation | types | depth | cold ops | cold round trips | warm ops | warm round trips |"
                + (timed ? " cold ms | warm median ms |" : "") + " cold detail |\n|---|---:|---:|---:|---:|---:|---:|"
                + (timed ? "---:|---:|" : "") + "---|\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |", p.op().label, p.types(), p.depth(),
                    p.cold().calls(), p.cold().roundTrips(), p.warm().calls(), p.warm().roundTrips()));
            if (timed) {
                sb.append(String.format(Locale.ROOT, " %.1f | %.1f |", p.coldMs(), p.warmMedianMs()));
            }
            OpCounts c = p.cold();
            sb.append(String.format(Locale.ROOT, " %dG %dH %dP %dPIA %dCAS %dL %dD |%n", c.get(), c.head(), c.put(),
                    c.putIfAbsent(), c.putIfMatch(), c.list(), c.delete()));
        }
        return sb.toString();
    }

    /**
     * In-memory curves (deterministic counts; the times are of the in-memory store, i.e. engine CPU only). Optional
     * arguments: comma-separated widths (default 8,50,140) and depths (default 2,100,1000).
     */
    public static void main(String[] args) {
        int[] widths = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{8, 50, 140};
        int[] depths = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{2, 100, 1000};
        List<Point> all = new ArrayList<>();
        for (int types : widths) {
            for (int depth : depths) {
                all.addAll(measure(types, depth, InMemoryObjectStore::new, 5));
            }
        }
        all.sort(java.util.Comparator.comparing((Point p) -> p.op()).thenComparingInt(Point::types).thenComparingInt(Point::depth));
        System.out.println(table(all, true));
    }
}
