package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.engine.index.HashIndex;
import io.omnigraph.engine.index.Probe;
import io.omnigraph.engine.index.SortedIndex;
import io.omnigraph.engine.table.TableData;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Produces the rows of one variable's table that satisfy its single-variable conditions: through a scalar index when
 * the {@link IndexMode} allows one for some condition (node id / string {@code @key} equality through the table's id
 * index; other equality through a {@link HashIndex}; ranges — merged lower and upper bound on one column — through a
 * {@link SortedIndex}), else by a full scan. The remaining conditions are tested per candidate row. Rows are returned
 * ascending, so index and scan give the same order.
 */
final class Scanner {
    private Scanner() {
    }

    /** The chosen access path (for tests and EXPLAIN-style diagnostics). */
    enum Access { SCAN, ID_INDEX, HASH_INDEX, SORTED_INDEX }

    record Result(int[] rows, Access access) {
    }

    static boolean indexable(Cond.IndexHint h, IndexMode mode) {
        return switch (mode) {
            case SCAN -> false;
            case INDEX -> true;
            case AUTO -> h.declared() != Cond.Declared.NONE;
        };
    }

    static Result scan(Slot slot, List<Cond> conds, ExecContext ctx) {
        TableData table = slot.table();
        IndexMode mode = ctx.options.indexMode();
        Cond eq = null;
        Cond range = null;
        for (Cond c : conds) {
            if (c.hint.isEmpty() || !indexable(c.hint.get(), mode)) {
                continue;
            }
            Cond.IndexHint h = c.hint.get();
            if (h.op() == CompareOp.EQ) {
                if (eq == null || rank(h) < rank(eq.hint.get())) {
                    eq = c;
                }
            } else if (range == null && rangeable(h)) {
                range = c;
            }
        }
        List<Cond> residual = new ArrayList<>(conds);
        int[] candidates;
        Access access;
        if (eq != null) {
            residual.remove(eq);
            Cond.IndexHint h = eq.hint.get();
            if ((h.columnKey().equals("id") || (h.stringKey() && mode != IndexMode.INDEX)) && h.probe() instanceof Probe.Bytes b) {
                int r = table.idIndex().find(b.utf8());
                candidates = r < 0 ? new int[0] : new int[]{r};
                access = Access.ID_INDEX;
            } else {
                HashIndex idx = ctx.graph.indexes().hash(ctx.graph.tableIdentity(slot.type()), h.columnKey(), h::column);
                candidates = idx.lookup(h.probe());
                access = Access.HASH_INDEX;
            }
        } else if (range != null) {
            residual.remove(range);
            Cond.IndexHint h = range.hint.get();
            Cond other = null;
            boolean lowerFirst = h.op() == CompareOp.GT || h.op() == CompareOp.GE;
            for (Cond c : residual) {
                if (c.hint.isPresent() && c.hint.get().columnKey().equals(h.columnKey()) && rangeable(c.hint.get())) {
                    CompareOp op = c.hint.get().op();
                    boolean lower = op == CompareOp.GT || op == CompareOp.GE;
                    if (lower != lowerFirst) {
                        other = c;
                        break;
                    }
                }
            }
            if (other != null) {
                residual.remove(other);
            }
            Optional<SortedIndex.Bound> lo = Optional.empty();
            Optional<SortedIndex.Bound> hi = Optional.empty();
            for (Cond c : other == null ? List.of(range) : List.of(range, other)) {
                Cond.IndexHint x = c.hint.get();
                SortedIndex.Bound bound = new SortedIndex.Bound(x.probe(), x.op() == CompareOp.GE || x.op() == CompareOp.LE);
                if (x.op() == CompareOp.GT || x.op() == CompareOp.GE) {
                    lo = Optional.of(bound);
                } else {
                    hi = Optional.of(bound);
                }
            }
            SortedIndex idx = ctx.graph.indexes().sorted(ctx.graph.tableIdentity(slot.type()), h.columnKey(), h::column);
            candidates = idx.range(lo, hi);
            access = Access.SORTED_INDEX;
        } else {
            candidates = null;
            access = Access.SCAN;
        }
        return new Result(filter(table.rowCount(), candidates, residual), access);
    }

    /** Equality preference: id and keys first (one row), then unique, then plain indexes. */
    private static int rank(Cond.IndexHint h) {
        return h.declared().ordinal();
    }

    /** The rows among {@code candidates} (all rows when null) passing every condition. */
    static int[] filter(int rowCount, int[] candidates, List<Cond> conds) {
        Cond.RowTest[] tests = conds.stream().map(Cond::rowTest).toArray(Cond.RowTest[]::new);
        IntBuf out = new IntBuf(candidates == null ? Math.min(rowCount, 1024) : candidates.length);
        int n = candidates == null ? rowCount : candidates.length;
        outer:
        for (int i = 0; i < n; i++) {
            int r = candidates == null ? i : candidates[i];
            for (Cond.RowTest t : tests) {
                if (!t.test(r)) {
                    continue outer;
                }
            }
            out.add(r);
        }
        return out.toArray();
    }

    /** A combined test of several one-variable conditions (null when there are none). */
    static Cond.RowTest all(List<Cond> conds) {
        if (conds.isEmpty()) {
            return null;
        }
        Cond.RowTest[] tests = conds.stream().map(Cond::rowTest).toArray(Cond.RowTest[]::new);
        if (tests.length == 1) {
            return tests[0];
        }
        return r -> {
            for (Cond.RowTest t : tests) {
                if (!t.test(r)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Rows of the table passing the conditions as a bitmap, through an index when one applies (dst filters). */
    static long[] bitmap(Slot slot, List<Cond> conds, ExecContext ctx) {
        int[] rows = scan(slot, conds, ctx).rows();
        long[] bits = new long[(slot.table().rowCount() + 63) >>> 6];
        for (int r : rows) {
            bits[r >>> 6] |= 1L << r;
        }
        return bits;
    }

    private static boolean rangeable(Cond.IndexHint h) {
        return h.op() != CompareOp.EQ && SortedIndex.supports(h.column());
    }
}
