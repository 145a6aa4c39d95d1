package io.omnigraph.engine.query.testing;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.QueryExecutor;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.load.LoadMode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The differential check: the executor (in every {@link IndexMode}) against {@link ReferenceEvaluator} on random
 * graphs and queries. Result comparison:
 * <ul>
 *   <li>the three index modes return identical row lists;</li>
 *   <li>non-aggregate with {@code order}: the exact row sequence (the order is total);</li>
 *   <li>aggregate with {@code order}: rows sorted by the keys, a sub-multiset of the full result of the right size,
 *       and nothing left out that sorts strictly before the last row returned (ties at a limit cut may be broken
 *       either way — first-seen order is not specified);</li>
 *   <li>otherwise: equal multisets, or a sub-multiset of size {@code min(limit, n)} with a limit.</li>
 * </ul>
 * Values are compared through their JSON rendering, floats rounded to 12 significant digits (sums may add in another
 * order).
 */
public final class Differential {
    static final CompiledSchema SCHEMA = SchemaCompiler.compile(RandomGraphs.SCHEMA, "random.pg");
    private static final long NOW = 1_750_000_000_000L;

    /** Counts of what a run checked. */
    public static final class Stats {
        public int graphs;
        public int queries;
        public int skipped;
        public int nonEmpty;
        public final List<String> skippedReasons = new ArrayList<>();
        public long setupNanos;
        public long referenceNanos;
        public long executorNanos;

        @Override
        public String toString() {
            return graphs + " graphs, " + queries + " queries (" + nonEmpty + " non-empty, " + skipped + " skipped); setup "
                    + setupNanos / 1_000_000 + " ms, reference " + referenceNanos / 1_000_000 + " ms, executor "
                    + executorNanos / 1_000_000 + " ms";
        }
    }

    private Differential() {
    }

    /** One random graph with {@code queries} random queries; throws AssertionError on any difference. */
    public static void check(long seed, int queries, Stats stats) {
        Random r = new Random(seed);
        String data = RandomGraphs.data(r);
        long t0 = System.nanoTime();
        try (TestGraph g = TestGraph.create(RandomGraphs.SCHEMA)) {
            if (!data.isBlank()) {
                g.load(data, LoadMode.OVERWRITE);
            }
            SnapshotGraph graph = g.graph();
            stats.setupNanos += System.nanoTime() - t0;
            stats.graphs++;
            for (int i = 0; i < queries; i++) {
                String text = RandomQueries.generate(r);
                checkQuery(seed, data, text, graph, stats);
            }
        }
    }

    /** Fixed queries on one random graph. */
    public static void checkFixed(long seed, List<String> queries, Stats stats) {
        Random r = new Random(seed);
        String data = RandomGraphs.data(r);
        try (TestGraph g = TestGraph.create(RandomGraphs.SCHEMA)) {
            if (!data.isBlank()) {
                g.load(data, LoadMode.OVERWRITE);
            }
            stats.graphs++;
            for (String q : queries) {
                checkQuery(seed, data, q, g.graph(), stats);
            }
        }
    }

    static void checkQuery(long seed, String data, String text, SnapshotGraph graph, Stats stats) {
        ReadQuery q;
        try {
            QueryPlan plan = QueryCompiler.compile(text, "random.gq", "q", graph.catalog());
            q = (ReadQuery) plan;
        } catch (CompileException e) {
            stats.skipped++;
            if (stats.skippedReasons.size() < 20) {
                stats.skippedReasons.add(e.getMessage() + "\n" + text);
            }
            return;
        }
        stats.queries++;
        Map<String, Value> params = new HashMap<>();
        long t0 = System.nanoTime();
        List<List<Value>> expected = new ReferenceEvaluator(graph, params, NOW).run(q, true);
        long t1 = System.nanoTime();
        stats.referenceNanos += t1 - t0;
        List<List<String>> previous = null;
        for (IndexMode mode : IndexMode.values()) {
            QueryRows rows;
            try {
                rows = QueryExecutor.execute(q, graph, params, ExecOptions.defaults().withIndexMode(mode).withNow(NOW));
            } catch (EngineException | IllegalStateException | IllegalArgumentException | ClassCastException
                     | NullPointerException | ArrayIndexOutOfBoundsException e) {
                throw new AssertionError(context(seed, data, text, mode) + "executor failed: " + e, e);
            }
            List<List<String>> actual = render(rows.rows(), rows);
            stats.executorNanos += System.nanoTime() - t1;
            t1 = System.nanoTime();
            if (previous != null && !previous.equals(actual)) {
                throw new AssertionError(context(seed, data, text, mode) + "index modes disagree:\n" + previous + "\n" + actual);
            }
            previous = actual;
            compare(q, render(expected, rows), actual, context(seed, data, text, mode));
        }
        if (!expected.isEmpty()) {
            stats.nonEmpty++;
        }
    }

    private static String context(long seed, String data, String text, IndexMode mode) {
        return "seed " + seed + ", mode " + mode + "\nquery:\n" + text + "data:\n" + data + "\n";
    }

    static List<List<String>> render(List<List<Value>> rows, QueryRows shape) {
        List<List<String>> out = new ArrayList<>();
        for (List<Value> row : rows) {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Value v = row.get(i);
                if (v instanceof Value.Real d && Double.isFinite(d.value())) {
                    r.add(new BigDecimal(d.value()).round(new MathContext(12)).stripTrailingZeros().toPlainString());
                } else {
                    r.add(Values.toJson(v, shape.columns().get(i).type(), Values.NumberStyle.NATIVE).toString());
                }
            }
            out.add(r);
        }
        return out;
    }

    static void compare(ReadQuery q, List<List<String>> expectedAll, List<List<String>> actual, String ctx) {
        Ordering ordering = q.ordering();
        boolean ordered = !ordering.keys().isEmpty();
        long limit = q.limit().orElse(Long.MAX_VALUE);
        int size = (int) Math.min(limit, expectedAll.size());
        if (ordered && !q.isAggregate()) {
            List<List<String>> expected = expectedAll.subList(0, size);
            if (!expected.equals(actual)) {
                throw new AssertionError(ctx + "ordered rows differ:\nexpected " + expected + "\nactual   " + actual);
            }
            return;
        }
        if (actual.size() != size) {
            throw new AssertionError(ctx + "row count " + actual.size() + ", expected " + size + "\nexpected " + expectedAll
                    + "\nactual   " + actual);
        }
        List<List<String>> pool = new ArrayList<>(expectedAll);
        for (List<String> row : actual) {
            if (!pool.remove(row)) {
                throw new AssertionError(ctx + "unexpected row " + row + "\nexpected " + expectedAll + "\nactual   " + actual);
            }
        }
        if (ordered) {
            // sorted by keys, and no left-out row sorts strictly before the last returned one
            List<String> names = q.columns();
            java.util.Comparator<List<String>> cmp = keyOrder(q, names, expectedAll);
            for (int i = 1; i < actual.size(); i++) {
                if (cmp.compare(actual.get(i - 1), actual.get(i)) > 0) {
                    throw new AssertionError(ctx + "aggregate rows not sorted: " + actual);
                }
            }
            if (!actual.isEmpty()) {
                List<String> last = actual.get(actual.size() - 1);
                for (List<String> left : pool) {
                    if (cmp.compare(left, last) < 0) {
                        throw new AssertionError(ctx + "row " + left + " should have been returned before " + last);
                    }
                }
            }
        }
    }

    /** The key order of rendered aggregate rows, by position in the reference's sorted full result. */
    private static java.util.Comparator<List<String>> keyOrder(ReadQuery q, List<String> names, List<List<String>> sorted) {
        List<Integer> keyCols = new ArrayList<>();
        for (Ordering.SortKey k : q.ordering().keys()) {
            keyCols.add(names.indexOf(k.column().orElseThrow()));
        }
        // the reference result is sorted by the keys: rank rows by the first position of their key tuple
        Map<List<String>, Integer> rank = new HashMap<>();
        for (List<String> row : sorted) {
            List<String> key = keyCols.stream().map(row::get).toList();
            rank.putIfAbsent(key, rank.size());
        }
        return (a, b) -> Integer.compare(rank.get(keyCols.stream().map(a::get).toList()),
                rank.get(keyCols.stream().map(b::get).toList()));
    }
}
