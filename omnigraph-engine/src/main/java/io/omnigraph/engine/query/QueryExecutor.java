package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.Projection;
import io.omnigraph.compiler.query.ir.RankExpr;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.query.ir.VarKind;
import io.omnigraph.compiler.query.ir.Variable;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.TableData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Executes a typechecked read query ({@link ReadQuery}) over one graph version ({@link GraphSource}). This is the
 * embedded-mode entry point; the CLI, the server and MCP are thin layers over it.
 *
 * <p>Pipeline (docs/query-execution.md): match block → relation of row numbers (scans through scalar indexes where
 * allowed, traversals over the cached topology index, filters on columns, anti-joins) → ranking (the {@link Ranker}
 * seam, after every filter) or aggregation (grouping in first-seen order) → order (user keys, then the {@code <var>.id}
 * tie-break) → limit → projection to typed values. Nothing is boxed before projection. A ranking over one node binding
 * without filters skips the match: the ranker ranks the whole table first and only the ranked rows are materialised
 * ({@link RankShape#ALL_ROWS}).
 *
 * <p>Stateless and thread-safe: every call gets its own execution state; the graph's caches are thread-safe.
 */
public final class QueryExecutor {
    private QueryExecutor() {
    }

    /**
     * Runs a read query.
     *
     * @param params converted parameter values by name (see {@link io.omnigraph.compiler.query.Params#convert});
     *               omitted nullable parameters may be absent (NULL)
     * @throws io.omnigraph.engine.error.EngineException with code {@code search_unavailable} when the query uses a
     *         search feature the {@link Ranker} does not provide, {@code resource_limit} when an intermediate result
     *         exceeds {@link ExecOptions#maxRows()}
     */
    public static QueryRows execute(ReadQuery query, GraphSource graph, Map<String, Value> params, ExecOptions options) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        long now = options.nowMillis().orElse(System.currentTimeMillis());
        ExecContext ctx = new ExecContext(graph, params, options, now);
        Layout layout = new Layout();
        RankShape shape = rankShape(query);
        if (shape == RankShape.ALL_ROWS) {
            return rankAllRows(query, ctx, layout);
        }
        BlockEvaluator evaluator = new BlockEvaluator(ctx);
        Set<String> tail = countTailCandidates(query);
        Relation rel = evaluator.evaluate(query.match(), layout, Relation.unit(layout.width()), false, tail);
        return finish(query, ctx, layout, rel, shape == RankShape.DISTINCT);
    }

    /** What the executor knows about the ranked variable's rows before running the match (see {@link #rankShape}). */
    enum RankShape {
        /** No ranking, or rows of the ranked variable may repeat (joins, traversals, negations). */
        GENERAL,
        /** One node binding, with filters: every row of the relation is a different row of the table. */
        DISTINCT,
        /** One node binding, nothing that could reject a row: the relation is every row of the table, in order. */
        ALL_ROWS
    }

    /**
     * The shape of a ranked query's match: {@link RankShape#ALL_ROWS} for a non-aggregate ranking over a single node
     * binding without predicates, filters, traversals or negations (the ranker then produces the top rows before
     * anything is materialised); {@link RankShape#DISTINCT} when that binding has predicates or filters (the match
     * runs as usual, but the ranker need not group rows by entity).
     */
    static RankShape rankShape(ReadQuery q) {
        if (q.ordering().ranking().isEmpty() || q.isAggregate()) {
            return RankShape.GENERAL;
        }
        MatchBlock m = q.match();
        if (m.variables().size() != 1 || m.variables().get(0).kind() != VarKind.NODE || m.bindings().size() != 1
                || !m.traversals().isEmpty() || !m.negations().isEmpty()) {
            return RankShape.GENERAL;
        }
        return m.filters().isEmpty() && m.bindings().get(0).predicates().isEmpty() ? RankShape.ALL_ROWS : RankShape.DISTINCT;
    }

    /**
     * {@link RankShape#ALL_ROWS}: ranks every row of the binding's table without building the relation, then
     * materialises only the ranked rows. Same answer as evaluating the match (which would bind every row, ascending)
     * and ranking that relation.
     */
    private static QueryRows rankAllRows(ReadQuery query, ExecContext ctx, Layout layout) {
        long t0 = System.nanoTime();
        Variable v = query.match().variables().get(0);
        Slot slot = layout.add(v.name(), v.kind(), ctx.graph.catalog().nodeType(v.typeName()).orElseThrow(), ctx.graph);
        int n = slot.table().rowCount();
        ctx.checkRows(n);
        RankExpr rank = query.ordering().ranking().orElseThrow();
        Ranker.RankInput input = allRowsInput(slot, ctx);
        Ranker.Ranking ranking = ctx.options.ranker().rank(rank, input, query.limit());
        double[][] other = otherScores(query, ctx, input, ranking.positions());
        int[][] cols = new int[layout.width()][];
        cols[slot.index()] = ranking.positions(); // position p of the all-rows input is table row p
        Relation rel = new Relation(ranking.positions().length, cols, null);
        ctx.trace("rank $" + v.name() + ": " + slot.type().name() + " (all " + n + " rows, ranked before materialising)",
                rel.size, t0);
        return finishRanked(query, ctx, layout, rel, ranking.scores(), other);
    }

    /**
     * Score projections of a ranking other than the one the query orders by ({@code bm25(…) as s} under
     * {@code order { nearest(…) }}), scored over the ranker's whole input — the query's candidates, so BM25 and RRF
     * statistics are those of the candidates as documented — and then picked for the ranked {@code positions}. Null
     * entries for other projections; null when there are none.
     */
    private static double[][] otherScores(ReadQuery query, ExecContext ctx, Ranker.RankInput input, int[] positions) {
        List<Projection> ps = query.projections();
        double[][] out = null;
        for (int c = 0; c < ps.size(); c++) {
            if (ps.get(c).expr() instanceof TypedExpr.Score sc && !sc.rank().equals(query.ordering().ranking().orElseThrow())) {
                double[] all = ctx.options.ranker().scores(sc.rank(), input);
                double[] picked = new double[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    picked[i] = all[positions[i]];
                }
                if (out == null) {
                    out = new double[ps.size()][];
                }
                out[c] = picked;
            }
        }
        return out;
    }

    static QueryRows finish(ReadQuery query, ExecContext ctx, Layout layout, Relation rel, boolean distinct) {
        Ordering ordering = query.ordering();
        if (ordering.ranking().isPresent()) {
            RankExpr rank = ordering.ranking().get();
            Ranker.RankInput input = rankInput(rel, layout, ctx, distinct);
            Ranker.Ranking ranking = ctx.options.ranker().rank(rank, input, query.limit());
            double[][] other = otherScores(query, ctx, input, ranking.positions());
            rel = rel.gather(ranking.positions(), ranking.positions().length);
            return finishRanked(query, ctx, layout, rel, ranking.scores(), other);
        }
        return finishRanked(query, ctx, layout, rel, null, null);
    }

    /** Aggregation or order, limit and projection of a relation that is already ranked (when the query ranks). */
    private static QueryRows finishRanked(ReadQuery query, ExecContext ctx, Layout layout, Relation rel, double[] rankScores,
                                          double[][] otherScores) {
        Ordering ordering = query.ordering();
        List<ResultColumn> columns = query.projections().stream()
                .map(p -> new ResultColumn(p.column(), p.expr().type())).toList();
        if (query.isAggregate()) {
            long t0 = System.nanoTime();
            List<List<Value>> rows = new Aggregator(ctx, layout, query).aggregate(rel, ordering, query.limit());
            ctx.trace("aggregate " + rel.size + " rows" + (rel.weights == null ? "" : " (weighted)"), rows.size(), t0);
            return new QueryRows(columns, rows);
        }
        long t0 = System.nanoTime();
        int[] order;
        if (ordering.ranking().isEmpty() && !ordering.keys().isEmpty()) {
            order = RowOrder.order(rel.size, RowOrder.comparator(rel, layout, ordering, ctx), query.limit());
        } else {
            int n = rel.size;
            if (query.limit().isPresent()) {
                n = (int) Math.min(n, query.limit().getAsLong());
            }
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        List<List<Value>> rows = project(query, ctx, layout, rel, order, rankScores, otherScores);
        ctx.trace("order, limit, project " + rel.size + " rows", rows.size(), t0);
        return new QueryRows(columns, rows);
    }

    private static List<List<Value>> project(ReadQuery query, ExecContext ctx, Layout layout, Relation rel, int[] order,
                                             double[] rankScores, double[][] otherScores) {
        List<Projection> ps = query.projections();
        int width = ps.size();
        Column[] cols = new Column[width];
        int[][] rows = new int[width][];
        Value[] constants = new Value[width];
        double[][] scores = new double[width][];
        for (int c = 0; c < width; c++) {
            TypedExpr e = ps.get(c).expr();
            switch (e) {
                case TypedExpr.PropRef r -> {
                    Slot s = layout.get(r.var());
                    cols[c] = ctx.graph.column(s.type(), r.property());
                    rows[c] = rel.cols[s.index()];
                }
                case TypedExpr.NodeIdRef n -> {
                    Slot s = layout.get(n.var());
                    cols[c] = s.table().ids();
                    rows[c] = rel.cols[s.index()];
                }
                case TypedExpr.ParamRef p -> constants[c] = ctx.params.getOrDefault(p.name(), Value.NULL);
                case TypedExpr.Literal l -> constants[c] = l.value();
                case TypedExpr.Now n -> constants[c] = new Value.DateTime(ctx.nowMillis);
                case TypedExpr.Score s -> {
                    if (rankScores != null && query.ordering().ranking().isPresent()
                            && query.ordering().ranking().get().equals(s.rank())) {
                        scores[c] = new double[rel.size];
                        for (int i = 0; i < rel.size; i++) {
                            scores[c][i] = rankScores[i];
                        }
                    } else if (otherScores != null && otherScores[c] != null) {
                        scores[c] = otherScores[c]; // scored over the candidates before ranking cut them
                    } else {
                        scores[c] = ctx.options.ranker().scores(s.rank(), rankInput(rel, layout, ctx, false));
                    }
                }
                case TypedExpr.Aggregate a -> throw new IllegalStateException("aggregate in a non-aggregate query");
                case TypedExpr.TextMatch m -> throw Ranker.unavailableError("search predicate as a value");
            }
        }
        List<List<Value>> out = new ArrayList<>(order.length);
        for (int pos : order) {
            Value[] row = new Value[width];
            for (int c = 0; c < width; c++) {
                if (cols[c] != null) {
                    row[c] = ColumnValues.valueAt(cols[c], ps.get(c).expr().type(), rows[c][pos]);
                } else if (scores[c] != null) {
                    double d = scores[c][pos];
                    row[c] = Double.isNaN(d) ? Value.NULL : new Value.Real(d);
                } else {
                    row[c] = constants[c];
                }
            }
            List<Value> values = Arrays.asList(row);
            long w = rel.weight(pos);
            for (long k = 0; k < w; k++) {
                out.add(values);
            }
        }
        return out;
    }

    /** Every row of the slot's table once, position {@code p} = row {@code p} (see {@link Ranker.RankInput#allRows}). */
    private static Ranker.RankInput allRowsInput(Slot slot, ExecContext ctx) {
        return new ContextInput(ctx) {
            private int[] identity;

            @Override
            public int rowCount() {
                return slot.table().rowCount();
            }

            @Override
            public TableData table(String var) {
                check(var);
                return slot.table();
            }

            @Override
            public String tableIdentity(String var) {
                check(var);
                return ctx.graph.tableIdentity(slot.type());
            }

            @Override
            public int row(String var, int position) {
                check(var);
                return position;
            }

            @Override
            public int[] rows(String var) {
                check(var);
                if (identity == null) {
                    int[] ids = new int[rowCount()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = i;
                    }
                    identity = ids;
                }
                return identity;
            }

            @Override
            public boolean distinct(String var) {
                check(var);
                return true;
            }

            @Override
            public boolean allRows(String var) {
                check(var);
                return true;
            }

            @Override
            public io.omnigraph.compiler.catalog.EntityType type(String var) {
                check(var);
                return slot.type();
            }


            private void check(String var) {
                if (!var.equals(slot.var())) {
                    throw new IllegalStateException("variable $" + var + " has no slot");
                }
            }
        };
    }

    /** What every rank input of one execution shares: parameters, the graph and the index mode. */
    private abstract static class ContextInput implements Ranker.RankInput {
        private final ExecContext ctx;

        ContextInput(ExecContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Value param(String name) {
            return ctx.params.getOrDefault(name, Value.NULL);
        }

        @Override
        public GraphSource graph() {
            return ctx.graph;
        }

        @Override
        public IndexMode indexMode() {
            return ctx.options.indexMode();
        }
    }

    private static Ranker.RankInput rankInput(Relation rel, Layout layout, ExecContext ctx, boolean distinct) {
        return new ContextInput(ctx) {
            @Override
            public int rowCount() {
                return rel.size;
            }

            @Override
            public TableData table(String var) {
                return layout.get(var).table();
            }

            @Override
            public String tableIdentity(String var) {
                return ctx.graph.tableIdentity(layout.get(var).type());
            }

            @Override
            public int row(String var, int position) {
                return rel.cols[layout.get(var).index()][position];
            }

            @Override
            public int[] rows(String var) {
                return rel.cols[layout.get(var).index()];
            }

            @Override
            public boolean distinct(String var) {
                layout.get(var);
                return distinct;
            }

            @Override
            public io.omnigraph.compiler.catalog.EntityType type(String var) {
                return layout.get(var).type();
            }

        };
    }

    /**
     * Variables of the top block whose rows only matter through {@code count()} (a bare-variable count, or a count of a
     * non-nullable property) and nothing else: the executor may replace their last hop by per-row counts instead of
     * materialising one row per reached node.
     */
    static Set<String> countTailCandidates(ReadQuery q) {
        Set<String> out = new HashSet<>();
        if (!q.isAggregate() || q.ordering().ranking().isPresent()) {
            return out;
        }
        for (Variable v : q.match().variables()) {
            if (v.kind() != VarKind.NODE) {
                continue;
            }
            boolean ok = true;
            for (Projection p : q.projections()) {
                if (!p.aggregate()) {
                    ok &= !reads(p.expr(), v.name());
                    continue;
                }
                TypedExpr.Aggregate a = (TypedExpr.Aggregate) p.expr();
                if (!reads(a.arg(), v.name())) {
                    continue;
                }
                boolean countRows = a.fn() == TypedExpr.AggregateFn.COUNT && (a.arg() instanceof TypedExpr.NodeIdRef
                        || a.arg() instanceof TypedExpr.PropRef r && !r.property().type().nullable());
                ok &= countRows;
            }
            for (Ordering.SortKey k : q.ordering().keys()) {
                // keys naming an output column sort the aggregated rows, not the relation
                ok &= k.column().isPresent() || !reads(k.expr(), v.name());
            }
            if (ok) {
                out.add(v.name());
            }
        }
        return out;
    }

    private static boolean reads(TypedExpr e, String var) {
        return switch (e) {
            case TypedExpr.PropRef r -> r.var().equals(var);
            case TypedExpr.NodeIdRef n -> n.var().equals(var);
            case TypedExpr.Aggregate a -> reads(a.arg(), var);
            case TypedExpr.Score s -> true;
            default -> false;
        };
    }
}
