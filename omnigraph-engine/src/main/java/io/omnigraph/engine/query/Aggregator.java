package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.Projection;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.index.Cells;
import io.omnigraph.engine.index.IntComparator;
import io.omnigraph.engine.index.IntSorts;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.StringColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Grouping, aggregates, order and limit of aggregate queries (spec §2.5, §2.6). Groups are keyed on the projected
 * values of the non-aggregate projections (NULL is a key of its own) and appear in first-seen order unless ordered.
 * Rows are first grouped by the row numbers of the variables the keys read (a dense array for one variable, inline
 * tuple hashing for several); those groups are merged by value only when keys could repeat across rows (skipped when
 * a key is the variable's id or its single {@code @key}). Group key values are materialised only for returned rows;
 * ordering with a limit selects the top groups without a full sort. {@code count} counts non-NULL values (rows for a
 * bare variable) as I64; {@code sum}/{@code avg} are F64 and NULL without values (integer sums are exact until they
 * overflow a long); {@code min}/{@code max} keep the argument's type. Row weights (a factorised count tail) multiply
 * counts and sums. No group keys and no rows give one row: counts 0, other aggregates NULL.
 */
final class Aggregator {
    private final ExecContext ctx;
    private final Layout layout;
    private final ReadQuery query;

    Aggregator(ExecContext ctx, Layout layout, ReadQuery query) {
        this.ctx = ctx;
        this.layout = layout;
        this.query = query;
    }

    /** Reads a projection argument per relation row. */
    private final class Arg {
        final Column column;   // null for constants
        final int[] rows;      // null for constants and factorised (unbound) variables
        final PropType type;
        final Value constant;
        final boolean rowsOnly; // bare node variable: every row counts

        Arg(TypedExpr e, Relation rel) {
            this.type = e.type();
            switch (e) {
                case TypedExpr.PropRef r -> {
                    Slot s = layout.get(r.var());
                    column = ctx.graph.column(s.type(), r.property());
                    rows = rel.cols[s.index()];
                    constant = null;
                    rowsOnly = false;
                }
                case TypedExpr.NodeIdRef n -> {
                    Slot s = layout.get(n.var());
                    column = s.table().ids();
                    rows = rel.cols[s.index()];
                    constant = null;
                    rowsOnly = true;
                }
                case TypedExpr.ParamRef p -> {
                    column = null;
                    rows = null;
                    constant = ctx.params.getOrDefault(p.name(), Value.NULL);
                    rowsOnly = false;
                }
                case TypedExpr.Literal l -> {
                    column = null;
                    rows = null;
                    constant = l.value();
                    rowsOnly = false;
                }
                case TypedExpr.Now n -> {
                    column = null;
                    rows = null;
                    constant = new Value.DateTime(ctx.nowMillis);
                    rowsOnly = false;
                }
                default -> throw new IllegalArgumentException("unsupported aggregate argument " + e);
            }
        }

        boolean isNull(int i) {
            // an unbound variable was factorised into row weights: only counts of it (non-null) reach here
            return column == null ? constant.isNull() : !rowsOnly && rows != null && column.isNull(rows[i]);
        }

        Value value(int i) {
            return column == null ? constant : ColumnValues.valueAt(column, type, rows[i]);
        }
    }

    /** The result rows, ordered and limited. */
    List<List<Value>> aggregate(Relation rel, Ordering ordering, OptionalLong limit) {
        List<Projection> ps = query.projections();
        List<Integer> keyIdx = new ArrayList<>();
        List<Integer> aggIdx = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            (ps.get(i).aggregate() ? aggIdx : keyIdx).add(i);
        }
        int n = rel.size;
        // phase 1: group by the row numbers of the key variables
        Set<String> keyVars = new LinkedHashSet<>();
        for (int k : keyIdx) {
            switch (ps.get(k).expr()) {
                case TypedExpr.PropRef r -> keyVars.add(r.var());
                case TypedExpr.NodeIdRef r -> keyVars.add(r.var());
                default -> {
                }
            }
        }
        int[] phase1 = new int[n];
        IntBuf reps = new IntBuf(16);
        if (keyIdx.isEmpty() || keyVars.isEmpty()) {
            if (n > 0) {
                reps.add(0);
            }
        } else if (keyVars.size() == 1) {
            Slot s = layout.get(keyVars.iterator().next());
            int[] col = rel.cols[s.index()];
            int[] seen = new int[s.table().rowCount()];
            Arrays.fill(seen, -1);
            for (int i = 0; i < n; i++) {
                int g = seen[col[i]];
                if (g < 0) {
                    g = reps.size();
                    seen[col[i]] = g;
                    reps.add(i);
                }
                phase1[i] = g;
            }
        } else {
            int[][] cols = keyVars.stream().map(v -> rel.cols[layout.get(v).index()]).toArray(int[][]::new);
            TupleIds ids = new TupleIds(cols, Math.min(n, 1 << 20));
            for (int i = 0; i < n; i++) {
                int g = ids.idOf(i);
                if (g == reps.size()) {
                    reps.add(i);
                }
                phase1[i] = g;
            }
        }
        List<Arg> keyArgs = keyIdx.stream().map(k -> new Arg(ps.get(k).expr(), rel)).toList();
        int groups;
        int[] groupOf;
        int[] groupRep; // a relation row of each final group
        Value[][] keyValues = new Value[keyArgs.size()][];
        if (uniqueByRow(keyVars, keyIdx)) {
            groups = reps.size();
            groupOf = phase1;
            groupRep = Arrays.copyOf(reps.raw(), groups);
        } else if (valueIdsAvailable(keyIdx)) {
            // phase 2: merge phase-1 groups whose key values are equal, comparing value ids (ints), first-seen order
            int p1 = reps.size();
            int[][] vids = new int[keyIdx.size()][];
            for (int k = 0; k < keyIdx.size(); k++) {
                vids[k] = valueIds(ps.get(keyIdx.get(k)).expr(), keyArgs.get(k), reps, p1);
            }
            TupleIds ids = new TupleIds(vids, p1);
            int[] finalOf = new int[p1];
            IntBuf finalRep = new IntBuf(16);
            for (int g = 0; g < p1; g++) {
                int f = ids.idOf(g);
                if (f == finalRep.size()) {
                    finalRep.add(reps.get(g));
                }
                finalOf[g] = f;
            }
            groups = finalRep.size();
            groupOf = new int[n];
            for (int i = 0; i < n; i++) {
                groupOf[i] = finalOf[phase1[i]];
            }
            groupRep = finalRep.toArray();
        } else {
            // phase 2 on boxed values (list-typed keys)
            Map<List<Value>, Integer> byValue = new LinkedHashMap<>();
            int[] finalOf = new int[reps.size()];
            IntBuf finalRep = new IntBuf(16);
            List<List<Value>> distinct = new ArrayList<>();
            for (int g = 0; g < reps.size(); g++) {
                int row = reps.get(g);
                List<Value> key = new ArrayList<>(keyArgs.size());
                for (Arg a : keyArgs) {
                    key.add(a.value(row));
                }
                Integer f = byValue.get(key);
                if (f == null) {
                    f = distinct.size();
                    byValue.put(key, f);
                    distinct.add(key);
                    finalRep.add(row);
                }
                finalOf[g] = f;
            }
            groups = distinct.size();
            groupOf = new int[n];
            for (int i = 0; i < n; i++) {
                groupOf[i] = finalOf[phase1[i]];
            }
            groupRep = finalRep.toArray();
            for (int k = 0; k < keyArgs.size(); k++) {
                keyValues[k] = new Value[groups];
                for (int g = 0; g < groups; g++) {
                    keyValues[k][g] = distinct.get(g).get(k);
                }
            }
        }
        boolean emptyGlobal = groups == 0 && keyIdx.isEmpty();
        if (emptyGlobal) {
            groups = 1; // no group keys and no rows: exactly one row
        }
        Value[][] aggValues = new Value[aggIdx.size()][];
        for (int a = 0; a < aggIdx.size(); a++) {
            aggValues[a] = accumulate((TypedExpr.Aggregate) ps.get(aggIdx.get(a)).expr(), rel, groupOf, groups);
        }
        // per output column: the value of a group (keys materialised lazily)
        int[] keyPos = new int[ps.size()];
        int[] aggPos = new int[ps.size()];
        Arrays.fill(keyPos, -1);
        Arrays.fill(aggPos, -1);
        for (int k = 0; k < keyIdx.size(); k++) {
            keyPos[keyIdx.get(k)] = k;
        }
        for (int a = 0; a < aggIdx.size(); a++) {
            aggPos[aggIdx.get(a)] = a;
        }
        int total = groups;
        java.util.function.BiFunction<Integer, Integer, Value> cell = (col, g) -> {
            if (aggPos[col] >= 0) {
                return aggValues[aggPos[col]][g];
            }
            int k = keyPos[col];
            if (keyValues[k] == null) {
                keyValues[k] = new Value[total];
            }
            Value v = keyValues[k][g];
            if (v == null) {
                v = keyArgs.get(k).value(groupRep[g]);
                keyValues[k][g] = v;
            }
            return v;
        };
        int[] order = new int[groups];
        for (int g = 0; g < groups; g++) {
            order[g] = g;
        }
        List<Integer> sortCols = new ArrayList<>();
        List<Comparator<Value>> sortCmp = new ArrayList<>();
        if (ordering.ranking().isEmpty()) {
            List<String> names = query.columns();
            for (Ordering.SortKey k : ordering.keys()) {
                int idx = k.column().map(names::indexOf).orElse(-1);
                if (idx >= 0) {
                    sortCols.add(idx);
                    sortCmp.add(ValueOrder.sortOrder(k.descending()));
                }
            }
        }
        if (!sortCols.isEmpty()) {
            IntComparator cmp = (x, y) -> {
                for (int i = 0; i < sortCols.size(); i++) {
                    int c = sortCmp.get(i).compare(cell.apply(sortCols.get(i), x), cell.apply(sortCols.get(i), y));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(x, y); // stable: ties keep first-seen group order
            };
            if (limit.isPresent() && limit.getAsLong() < groups) {
                order = IntSorts.topK(order, groups, (int) limit.getAsLong(), cmp);
            } else {
                IntSorts.sort(order, cmp);
            }
        }
        int out = limit.isPresent() ? (int) Math.min(order.length, limit.getAsLong()) : order.length;
        List<List<Value>> rows = new ArrayList<>(out);
        for (int i = 0; i < out; i++) {
            int g = order[i];
            Value[] row = new Value[ps.size()];
            for (int c = 0; c < ps.size(); c++) {
                row[c] = emptyGlobal && aggPos[c] < 0 ? Value.NULL : cell.apply(c, g);
            }
            rows.add(Arrays.asList(row));
        }
        return rows;
    }

    /** True when every key is a bare variable or a non-list property (value ids exist for it). */
    private boolean valueIdsAvailable(List<Integer> keyIdx) {
        for (int k : keyIdx) {
            TypedExpr e = query.projections().get(k).expr();
            if (!(e instanceof TypedExpr.NodeIdRef) && !(e instanceof TypedExpr.PropRef r && !r.type().list()
                    && !r.type().isVector() && !r.type().isBlob())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per phase-1 group, an int that is equal exactly when the key values are equal: the variable's row for a bare
     * variable or its single {@code @key}; otherwise the value id of the column's (cached) hash index; -1 for NULL.
     */
    private int[] valueIds(TypedExpr e, Arg arg, IntBuf reps, int groups) {
        int[] out = new int[groups];
        boolean byRow = e instanceof TypedExpr.NodeIdRef;
        io.omnigraph.engine.index.HashIndex index = null;
        if (e instanceof TypedExpr.PropRef r) {
            Slot s = layout.get(r.var());
            if (s.type() instanceof io.omnigraph.compiler.catalog.NodeType nt && nt.keyProperties().size() == 1
                    && nt.keyProperties().get(0).name().equals(r.property().name())) {
                byRow = true;
            } else {
                Column c = arg.column;
                index = ctx.graph.indexes().hash(ctx.graph.tableIdentity(s.type()), "p" + r.property().propertyId(), () -> c);
            }
        }
        for (int g = 0; g < groups; g++) {
            int row = arg.rows[reps.get(g)];
            out[g] = byRow ? row : index.valueId(row);
        }
        return out;
    }

    /**
     * True when distinct row-number groups always have distinct key values: one key variable, and a key that is its
     * id (a bare {@code $v}) or its single {@code @key} property.
     */
    private boolean uniqueByRow(Set<String> keyVars, List<Integer> keyIdx) {
        if (keyVars.size() != 1 || keyIdx.isEmpty()) {
            return false;
        }
        String v = keyVars.iterator().next();
        Slot s = layout.get(v);
        if (!(s.type() instanceof io.omnigraph.compiler.catalog.NodeType nt)) {
            return false;
        }
        for (int k : keyIdx) {
            TypedExpr e = query.projections().get(k).expr();
            if (e instanceof TypedExpr.NodeIdRef) {
                return true;
            }
            if (e instanceof TypedExpr.PropRef r && nt.keyProperties().size() == 1
                    && nt.keyProperties().get(0).name().equals(r.property().name())) {
                return true;
            }
        }
        return false;
    }

    private Value[] accumulate(TypedExpr.Aggregate agg, Relation rel, int[] groupOf, int groups) {
        Arg arg = new Arg(agg.arg(), rel);
        int n = rel.size;
        Value[] out = new Value[groups];
        switch (agg.fn()) {
            case COUNT -> {
                long[] counts = new long[groups];
                if (rel.weights == null && (arg.rowsOnly || arg.column != null && !arg.column.hasNulls())) {
                    for (int i = 0; i < n; i++) {
                        counts[groupOf[i]]++;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        if (!arg.isNull(i)) {
                            counts[groupOf[i]] += rel.weight(i);
                        }
                    }
                }
                for (int g = 0; g < groups; g++) {
                    out[g] = new Value.Int(counts[g]);
                }
            }
            case SUM, AVG -> {
                long[] cnt = new long[groups];
                double[] dsum = new double[groups];
                long[] lsum = new long[groups];
                boolean[] overflow = new boolean[groups];
                boolean integral = arg.column != null ? Cells.domain(arg.column) == Cells.Domain.LONG
                        : arg.constant instanceof Value.Int;
                for (int i = 0; i < n; i++) {
                    if (arg.isNull(i)) {
                        continue;
                    }
                    int g = groupOf[i];
                    long w = rel.weight(i);
                    cnt[g] += w;
                    if (integral) {
                        long v = arg.column != null ? Cells.longAt(arg.column, arg.rows[i]) : ((Value.Int) arg.constant).value();
                        if (!overflow[g]) {
                            try {
                                lsum[g] = Math.addExact(lsum[g], Math.multiplyExact(v, w));
                                continue;
                            } catch (ArithmeticException e) {
                                overflow[g] = true;
                                dsum[g] = (double) lsum[g];
                            }
                        }
                        dsum[g] += (double) v * w;
                    } else {
                        double v = arg.column != null ? Cells.doubleAt(arg.column, arg.rows[i]) : ((Value.Real) arg.constant).value();
                        dsum[g] += v * w;
                    }
                }
                for (int g = 0; g < groups; g++) {
                    if (cnt[g] == 0) {
                        out[g] = Value.NULL;
                        continue;
                    }
                    double sum = integral && !overflow[g] ? (double) lsum[g] : dsum[g];
                    if (agg.fn() == TypedExpr.AggregateFn.AVG) {
                        sum = sum / cnt[g];
                    }
                    out[g] = new Value.Real(sum);
                }
            }
            case MIN, MAX -> {
                boolean max = agg.fn() == TypedExpr.AggregateFn.MAX;
                int[] best = new int[groups];
                Arrays.fill(best, -1);
                for (int i = 0; i < n; i++) {
                    if (arg.isNull(i)) {
                        continue;
                    }
                    int g = groupOf[i];
                    if (best[g] < 0) {
                        best[g] = i;
                    } else {
                        int c = compareArg(arg, i, best[g]);
                        if (max ? c > 0 : c < 0) {
                            best[g] = i;
                        }
                    }
                }
                for (int g = 0; g < groups; g++) {
                    out[g] = best[g] < 0 ? Value.NULL : arg.value(best[g]);
                }
            }
        }
        return out;
    }

    private static int compareArg(Arg a, int i, int j) {
        if (a.column == null) {
            return 0;
        }
        Column c = a.column;
        return switch (Cells.domain(c)) {
            case LONG -> Long.compare(Cells.longAt(c, a.rows[i]), Cells.longAt(c, a.rows[j]));
            case DOUBLE -> Cells.compareDoubles(Cells.doubleAt(c, a.rows[i]), Cells.doubleAt(c, a.rows[j]));
            case BYTES -> Cells.compareStrings((StringColumn) c, a.rows[i], (StringColumn) c, a.rows[j]);
            case OTHER -> throw new IllegalArgumentException("cannot compare " + c.type().text() + " values");
        };
    }
}
