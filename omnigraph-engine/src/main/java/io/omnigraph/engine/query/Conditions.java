package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.index.Cells;
import io.omnigraph.engine.index.Probe;
import io.omnigraph.engine.table.BoolColumn;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.DoubleColumn;
import io.omnigraph.engine.table.FloatColumn;
import io.omnigraph.engine.table.IntColumn;
import io.omnigraph.engine.table.ListColumn;
import io.omnigraph.engine.table.LongColumn;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.Utf8Column;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles filters, binding property matches and search predicates into {@link Cond}s over columns, with fast paths
 * for the common single-variable shapes: integer columns against a constant become a range test on the raw array,
 * string predicates on dictionary columns are evaluated once per dictionary entry. Semantics (spec §2.4): NULL on
 * either side makes the comparison false; numbers compare by exact value across widths; strings compare byte-wise
 * (UTF-8); {@code contains} is list membership for a list left operand, else a substring test; {@code starts_with} is
 * a prefix test.
 */
final class Conditions {
    private final Layout layout;
    private final GraphSource graph;
    private final Map<String, Value> params;
    private final long nowMillis;
    private final Ranker ranker;
    private final IndexMode indexMode;

    Conditions(Layout layout, GraphSource graph, Map<String, Value> params, long nowMillis, Ranker ranker, IndexMode indexMode) {
        this.indexMode = indexMode;
        this.layout = layout;
        this.graph = graph;
        this.params = params;
        this.nowMillis = nowMillis;
        this.ranker = ranker;
    }

    /** An operand: a column of a variable's table, or a one-row constant column ({@code var == null}). */
    record Operand(String var, Column column, PropType type, EntityType owner, String columnKey, Cond.Declared declared) {
        boolean constant() {
            return var == null;
        }

        int row(int r) {
            return var == null ? 0 : r;
        }
    }

    // ------------------------------------------------------------------------------------------------ compile

    Cond binding(String var, MatchBlock.Predicate p) {
        TypedExpr.PropRef ref = new TypedExpr.PropRef(var, io.omnigraph.compiler.query.ir.VarKind.NODE, p.property());
        return compare(operand(ref), p.op(), operand(p.value()), "$" + var + "." + p.property().name() + " "
                + p.op().symbol() + " …");
    }

    Cond filter(MatchBlock.Filter f) {
        if (f.left() instanceof TypedExpr.TextMatch m) {
            return textMatch(m);
        }
        return compare(operand(f.left()), f.op(), operand(f.right()), f.left() + " " + f.op().symbol() + " " + f.right());
    }

    private Cond textMatch(TypedExpr.TextMatch m) {
        Slot slot = layout.get(m.field().var());
        Value query = constantValue(m.query());
        Optional<Value> edits = m.maxEdits().map(this::constantValue);
        boolean[] hits = ranker.textMatch(m, graph, slot.type(), indexMode, query, edits);
        return new Cond(slot.var(), null, (l, r) -> hits[l], m.kind() + "(" + m.field().column() + ")", Optional.empty());
    }

    Value constantValue(TypedExpr e) {
        return switch (e) {
            case TypedExpr.Literal l -> l.value();
            case TypedExpr.ParamRef p -> params.getOrDefault(p.name(), Value.NULL);
            case TypedExpr.Now n -> new Value.DateTime(nowMillis);
            default -> throw new IllegalArgumentException("not a constant: " + e);
        };
    }

    Operand operand(TypedExpr e) {
        return switch (e) {
            case TypedExpr.PropRef r -> {
                Slot s = layout.get(r.var());
                yield new Operand(r.var(), graph.column(s.type(), r.property()), r.property().type(), s.type(),
                        "p" + r.property().propertyId(), declared(s.type(), r.property()));
            }
            case TypedExpr.NodeIdRef n -> {
                Slot s = layout.get(n.var());
                yield new Operand(n.var(), s.table().ids(), PropType.of(ScalarKind.STRING), s.type(), "id", Cond.Declared.ID);
            }
            case TypedExpr.Literal l -> constant(l.value(), l.type());
            case TypedExpr.ParamRef p -> constant(params.getOrDefault(p.name(), Value.NULL), p.type());
            case TypedExpr.Now n -> constant(new Value.DateTime(nowMillis), n.type());
            case TypedExpr.TextMatch m -> throw Ranker.unavailableError(m.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "() as a value");
            case TypedExpr.Score s -> throw Ranker.unavailableError("score");
            case TypedExpr.Aggregate a -> throw new IllegalArgumentException("aggregate in a match condition");
        };
    }

    private static Operand constant(Value v, PropType t) {
        return new Operand(null, ColumnValues.constant(v, t.asNullable()), t, null, null, Cond.Declared.NONE);
    }

    private static Cond.Declared declared(EntityType type, PropertyDef p) {
        Cond.Declared best = Cond.Declared.NONE;
        for (ConstraintDef c : type.constraints()) {
            if (!c.properties().equals(List.of(p.name()))) {
                continue;
            }
            Cond.Declared d = switch (c) {
                case ConstraintDef.Key k -> Cond.Declared.KEY;
                case ConstraintDef.Unique u -> Cond.Declared.UNIQUE;
                case ConstraintDef.Index i -> Cond.Declared.INDEX;
                default -> Cond.Declared.NONE;
            };
            if (d.ordinal() < best.ordinal()) {
                best = d;
            }
        }
        return best;
    }

    Cond compare(Operand l, CompareOp op, Operand r, String text) {
        // normalise "constant op column" to "column op' constant" for the ordering operators
        if (l.constant() && !r.constant() && op != CompareOp.CONTAINS && op != CompareOp.STARTS_WITH) {
            return compare(r, flip(op), l, text);
        }
        Cond.Test test = test(l, op, r);
        Optional<Cond.IndexHint> hint = Optional.empty();
        boolean single = !l.constant() && r.constant();
        if (single) {
            Cond.Test fast = fastPath(l, op, r);
            if (fast != null) {
                test = fast;
            } else if (l.column() instanceof DictStringColumn d && d.dictionary().size() <= d.size()) {
                test = overDictionary(d, l, op, r);
            }
            hint = hint(l, op, r);
        } else if (l.constant() && !r.constant() && r.column() instanceof DictStringColumn d
                && d.dictionary().size() <= d.size()) {
            Operand viaDict = new Operand(r.var(), d.dictionary(), r.type(), r.owner(), r.columnKey(), r.declared());
            Cond.Test onDict = test(l, op, viaDict);
            boolean[] pass = new boolean[d.dictionary().size()];
            for (int c = 0; c < pass.length; c++) {
                pass[c] = onDict.test(0, c);
            }
            int[] codes = d.rawCodes();
            test = (lr, rr) -> !d.isNull(rr) && pass[codes[rr]];
        }
        return new Cond(l.var(), r.var(), test, text, hint);
    }

    private static CompareOp flip(CompareOp op) {
        return switch (op) {
            case LT -> CompareOp.GT;
            case LE -> CompareOp.GE;
            case GT -> CompareOp.LT;
            case GE -> CompareOp.LE;
            default -> op;
        };
    }

    private static Cond.Test overDictionary(DictStringColumn d, Operand l, CompareOp op, Operand r) {
        Utf8Column dict = d.dictionary();
        Operand viaDict = new Operand(l.var(), dict, l.type(), l.owner(), l.columnKey(), l.declared());
        Cond.Test onDict = test(viaDict, op, r);
        boolean[] pass = new boolean[dict.size()];
        for (int c = 0; c < pass.length; c++) {
            pass[c] = onDict.test(c, 0);
        }
        int[] codes = d.rawCodes();
        return (lr, rr) -> !d.isNull(lr) && pass[codes[lr]];
    }

    private static Optional<Cond.IndexHint> hint(Operand l, CompareOp op, Operand r) {
        if (op == CompareOp.NE || op == CompareOp.CONTAINS || op == CompareOp.STARTS_WITH || l.type().list()
                || l.owner() == null || r.column().isNull(0) || r.type().list()) {
            return Optional.empty();
        }
        Cells.Domain d = Cells.domain(l.column());
        if (d == Cells.Domain.OTHER || l.column() instanceof BoolColumn) {
            return Optional.empty();
        }
        Optional<Probe> probe = probe(r.column());
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        boolean stringKey = l.declared() == Cond.Declared.KEY && l.type().scalar() == ScalarKind.STRING && !l.type().list();
        return Optional.of(new Cond.IndexHint(l.var(), l.owner(), l.columnKey(), l.column(), op, probe.get(), l.declared(),
                stringKey));
    }

    /** The probe of a non-null one-row constant column. */
    static Optional<Probe> probe(Column c) {
        if (c.isNull(0)) {
            return Optional.empty();
        }
        return switch (Cells.domain(c)) {
            case LONG -> Optional.of(new Probe.Long(Cells.longAt(c, 0)));
            case DOUBLE -> Optional.of(new Probe.Double(Cells.doubleAt(c, 0)));
            case BYTES -> Optional.of(new Probe.Bytes(StringColumn.utf8(((StringColumn) c).getString(0))));
            case OTHER -> Optional.empty();
        };
    }

    // ------------------------------------------------------------------------------------------------ kernels

    private static boolean accept(CompareOp op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> throw new IllegalArgumentException(op + " is not an ordering comparison");
        };
    }

    /** The generic test (no single-variable specialisation). */
    static Cond.Test test(Operand l, CompareOp op, Operand r) {
        Column lc = l.column();
        Column rc = r.column();
        boolean lConst = l.constant();
        boolean rConst = r.constant();
        if (op == CompareOp.CONTAINS && l.type().list()) {
            ListColumn list = (ListColumn) lc;
            Column elements = list.elements();
            ElementEq eq = elementEq(elements, rc);
            return (a, b) -> {
                int la = lConst ? 0 : a;
                int rb = rConst ? 0 : b;
                if (list.isNull(la) || rc.isNull(rb)) {
                    return false;
                }
                for (int i = list.start(la), e = list.end(la); i < e; i++) {
                    if (eq.equal(i, rb)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (op == CompareOp.CONTAINS || op == CompareOp.STARTS_WITH) {
            StringColumn ls = (StringColumn) lc;
            StringColumn rs = (StringColumn) rc;
            boolean contains = op == CompareOp.CONTAINS;
            return (a, b) -> {
                int la = lConst ? 0 : a;
                int rb = rConst ? 0 : b;
                if (ls.isNull(la) || rs.isNull(rb)) {
                    return false;
                }
                return contains ? Cells.containsBytes(ls, la, rs, rb) : Cells.startsWithBytes(ls, la, rs, rb);
            };
        }
        Cells.Domain ld = Cells.domain(lc);
        Cells.Domain rd = Cells.domain(rc);
        if (ld == Cells.Domain.BYTES && rd == Cells.Domain.BYTES) {
            StringColumn ls = (StringColumn) lc;
            StringColumn rs = (StringColumn) rc;
            if (op == CompareOp.EQ || op == CompareOp.NE) {
                boolean eq = op == CompareOp.EQ;
                return (a, b) -> {
                    int la = lConst ? 0 : a;
                    int rb = rConst ? 0 : b;
                    if (ls.isNull(la) || rs.isNull(rb)) {
                        return false;
                    }
                    return Cells.equalStrings(ls, la, rs, rb) == eq;
                };
            }
            return (a, b) -> {
                int la = lConst ? 0 : a;
                int rb = rConst ? 0 : b;
                if (ls.isNull(la) || rs.isNull(rb)) {
                    return false;
                }
                return accept(op, Cells.compareStrings(ls, la, rs, rb));
            };
        }
        Num cmp = numeric(lc, rc);
        return (a, b) -> {
            int la = lConst ? 0 : a;
            int rb = rConst ? 0 : b;
            if (lc.isNull(la) || rc.isNull(rb)) {
                return false;
            }
            return accept(op, cmp.compare(la, rb));
        };
    }

    /** Numeric comparison of a row of one column with a row of another. */
    @FunctionalInterface
    interface Num {
        int compare(int a, int b);
    }

    @FunctionalInterface
    interface LongAt {
        long at(int row);
    }

    @FunctionalInterface
    interface DoubleAt {
        double at(int row);
    }

    static LongAt longs(Column c) {
        return switch (c) {
            case IntColumn i when i.type() == ScalarType.U32 -> i::getUnsigned;
            case IntColumn i -> {
                int[] v = i.rawValues();
                yield row -> v[row];
            }
            case LongColumn l -> {
                long[] v = l.rawValues();
                yield row -> v[row];
            }
            case BoolColumn b -> row -> b.getBoolean(row) ? 1 : 0;
            default -> throw new IllegalArgumentException("not an integer-like column: " + c.type().text());
        };
    }

    static DoubleAt doubles(Column c) {
        return switch (c) {
            case FloatColumn f -> {
                float[] v = f.rawValues();
                yield row -> v[row];
            }
            case DoubleColumn d -> {
                double[] v = d.rawValues();
                yield row -> v[row];
            }
            default -> throw new IllegalArgumentException("not a float column: " + c.type().text());
        };
    }

    static Num numeric(Column a, Column b) {
        Cells.Domain da = Cells.domain(a);
        Cells.Domain db = Cells.domain(b);
        if (da == Cells.Domain.LONG && db == Cells.Domain.LONG) {
            LongAt x = longs(a);
            LongAt y = longs(b);
            return (i, j) -> Long.compare(x.at(i), y.at(j));
        }
        if (da == Cells.Domain.LONG && db == Cells.Domain.DOUBLE) {
            LongAt x = longs(a);
            DoubleAt y = doubles(b);
            return (i, j) -> Cells.compareLongDouble(x.at(i), y.at(j));
        }
        if (da == Cells.Domain.DOUBLE && db == Cells.Domain.LONG) {
            DoubleAt x = doubles(a);
            LongAt y = longs(b);
            return (i, j) -> -Cells.compareLongDouble(y.at(j), x.at(i));
        }
        if (da == Cells.Domain.DOUBLE && db == Cells.Domain.DOUBLE) {
            DoubleAt x = doubles(a);
            DoubleAt y = doubles(b);
            return (i, j) -> Cells.compareDoubles(x.at(i), y.at(j));
        }
        throw new IllegalArgumentException("cannot compare " + a.type().text() + " with " + b.type().text());
    }

    /** Equality of a list element with a scalar cell. */
    @FunctionalInterface
    interface ElementEq {
        boolean equal(int element, int row);
    }

    private static ElementEq elementEq(Column elements, Column scalar) {
        if (Cells.domain(elements) == Cells.Domain.BYTES) {
            StringColumn e = (StringColumn) elements;
            StringColumn s = (StringColumn) scalar;
            return (i, r) -> Cells.equalStrings(e, i, s, r);
        }
        Num n = numeric(elements, scalar);
        return (i, r) -> n.compare(i, r) == 0;
    }

    /**
     * Specialised single-variable tests: an integer-like column against a numeric constant becomes an inclusive long
     * range on the raw array (exact for non-integral constants); a float column against a constant compares doubles
     * directly; string equality uses the constant's bytes. Null when no fast path applies.
     */
    private static Cond.Test fastPath(Operand l, CompareOp op, Operand r) {
        Column c = l.column();
        Column k = r.column();
        if (l.type().list() || r.type().list() || op == CompareOp.CONTAINS || op == CompareOp.STARTS_WITH) {
            if (op == CompareOp.STARTS_WITH && c instanceof Utf8Column u && !k.isNull(0)) {
                byte[] p = StringColumn.utf8(((StringColumn) k).getString(0));
                byte[] data = u.rawData();
                return (a, b) -> !u.isNull(a) && u.end(a) - u.start(a) >= p.length
                        && java.util.Arrays.equals(data, u.start(a), u.start(a) + p.length, p, 0, p.length);
            }
            return null;
        }
        if (k.isNull(0)) {
            return (a, b) -> false;
        }
        if (c instanceof IntColumn ic && ic.type() != ScalarType.U32 && Cells.domain(k) != Cells.Domain.BYTES) {
            long[] range = longRange(op, k);
            int[] v = ic.rawValues();
            if (range == null) {
                long x = integralValue(k);
                return ic.hasNulls() ? (a, b) -> !ic.isNull(a) && v[a] != x : (a, b) -> v[a] != x;
            }
            if (range.length == 0) {
                return (a, b) -> false;
            }
            long lo = range[0];
            long hi = range[1];
            return ic.hasNulls() ? (a, b) -> !ic.isNull(a) && v[a] >= lo && v[a] <= hi : (a, b) -> v[a] >= lo && v[a] <= hi;
        }
        if (c instanceof LongColumn lc && Cells.domain(k) != Cells.Domain.BYTES) {
            long[] range = longRange(op, k);
            long[] v = lc.rawValues();
            if (range == null) {
                long x = integralValue(k);
                return lc.hasNulls() ? (a, b) -> !lc.isNull(a) && v[a] != x : (a, b) -> v[a] != x;
            }
            if (range.length == 0) {
                return (a, b) -> false;
            }
            long lo = range[0];
            long hi = range[1];
            return lc.hasNulls() ? (a, b) -> !lc.isNull(a) && v[a] >= lo && v[a] <= hi : (a, b) -> v[a] >= lo && v[a] <= hi;
        }
        if (c instanceof StringColumn s && k instanceof StringColumn ks && (op == CompareOp.EQ || op == CompareOp.NE)
                && !(c instanceof DictStringColumn)) {
            byte[] u = StringColumn.utf8(ks.getString(0));
            boolean eq = op == CompareOp.EQ;
            return (a, b) -> !s.isNull(a) && s.equalsUtf8(a, u) == eq;
        }
        return null;
    }

    /** The value of a constant that {@link #longRange} found integral (a long, or a double holding an integer). */
    private static long integralValue(Column k) {
        return Cells.domain(k) == Cells.Domain.LONG ? Cells.longAt(k, 0) : (long) Cells.doubleAt(k, 0);
    }

    /**
     * The inclusive long range {@code [lo, hi]} of integer values {@code v} with {@code v op constant}; an empty array
     * when none; null for {@code !=} with an integral constant (then the caller tests {@code v != constant}).
     */
    static long[] longRange(CompareOp op, Column k) {
        long min = Long.MIN_VALUE;
        long max = Long.MAX_VALUE;
        if (Cells.domain(k) == Cells.Domain.LONG) {
            long x = Cells.longAt(k, 0);
            return switch (op) {
                case EQ -> new long[]{x, x};
                case NE -> null;
                case LT -> x == min ? new long[0] : new long[]{min, x - 1};
                case LE -> new long[]{min, x};
                case GT -> x == max ? new long[0] : new long[]{x + 1, max};
                case GE -> new long[]{x, max};
                default -> throw new IllegalArgumentException(op.symbol());
            };
        }
        double d = Cells.doubleAt(k, 0);
        boolean integral = d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63;
        if (op == CompareOp.EQ) {
            return integral ? new long[]{(long) d, (long) d} : new long[0];
        }
        if (op == CompareOp.NE) {
            return integral ? null : new long[]{min, max};
        }
        // largest integer <= d and smallest integer >= d, clamped to the long range
        long floor;
        long ceil;
        if (Double.isNaN(d)) {
            return new long[0];
        }
        if (d >= 0x1p63) {
            floor = max;
            ceil = max;
        } else if (d < -0x1p63) {
            floor = min;
            ceil = min;
        } else {
            floor = (long) Math.floor(d);
            ceil = (long) Math.ceil(d);
        }
        boolean aboveAll = d >= 0x1p63;
        boolean belowAll = d < -0x1p63;
        return switch (op) {
            case LT -> belowAll ? new long[0] : aboveAll ? new long[]{min, max}
                    : integral ? (floor == min ? new long[0] : new long[]{min, floor - 1}) : new long[]{min, floor};
            case LE -> belowAll ? new long[0] : aboveAll ? new long[]{min, max} : new long[]{min, floor};
            case GT -> aboveAll ? new long[0] : belowAll ? new long[]{min, max}
                    : integral ? (ceil == max ? new long[0] : new long[]{ceil + 1, max}) : new long[]{ceil, max};
            case GE -> aboveAll ? new long[0] : belowAll ? new long[]{min, max} : new long[]{ceil, max};
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }
}
