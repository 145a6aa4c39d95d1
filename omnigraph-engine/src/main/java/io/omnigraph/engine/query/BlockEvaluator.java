package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.compiler.query.ir.VarKind;
import io.omnigraph.compiler.query.ir.Variable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link MatchBlock} as a conjunctive join (spec §2.4, engine.md §5.1–5.3):
 * <ol>
 *   <li>Conditions are compiled once; constant ones decide the whole block; the others run as soon as their
 *       variables are bound (one-variable ones inside the scan or expansion that binds the variable).</li>
 *   <li>Variables are split into connected components (linked by traversals, two-variable filters and negations).
 *       Components attached to variables already bound (a negation's outer references) extend the input; every other
 *       component is evaluated on its own and joined by a cross product at the end (or, inside a negation, only
 *       tested for being non-empty).</li>
 *   <li>Within a component: traversals with both endpoints bound filter rows; a traversal with one bound endpoint
 *       expands over the topology index from that endpoint; when nothing is connected to the bound part, the
 *       binding with the smallest estimated row count (declared indexes only, so the choice never depends on the
 *       {@link IndexMode}; ties go to the first declared) is scanned.</li>
 *   <li>Negations are anti-joins applied as soon as their outer references are bound, evaluated once per distinct
 *       tuple of those references.</li>
 * </ol>
 */
final class BlockEvaluator {
    private final ExecContext ctx;
    private final Expander expander;

    BlockEvaluator(ExecContext ctx) {
        this.ctx = ctx;
        this.expander = new Expander(ctx);
    }

    /**
     * @param input       rows with the outer variables already bound (the unit relation for the top block)
     * @param existence   only whether each input row has at least one match matters (inside negations)
     * @param countTail   variables used only by count() aggregates whose last hop may be factorised (empty: none)
     */
    Relation evaluate(MatchBlock block, Layout layout, Relation input, boolean existence, Set<String> countTail) {
        Catalog catalog = ctx.graph.catalog();
        for (Variable v : block.variables()) {
            EntityType type = v.kind() == VarKind.NODE ? catalog.nodeType(v.typeName()).orElseThrow()
                    : catalog.edgeType(v.typeName()).orElseThrow();
            layout.add(v.name(), v.kind(), type, ctx.graph);
        }
        Relation rel = widen(input, layout.width());
        Conditions compiler = ctx.conditions(layout);
        List<Cond> conds = new ArrayList<>();
        for (MatchBlock.Binding b : block.bindings()) {
            for (MatchBlock.Predicate p : b.predicates()) {
                conds.add(compiler.binding(b.var(), p));
            }
        }
        for (MatchBlock.Filter f : block.filters()) {
            conds.add(compiler.filter(f));
        }
        for (Iterator<Cond> it = conds.iterator(); it.hasNext(); ) {
            Cond c = it.next();
            if (c.constant()) {
                if (!c.test.test(0, 0)) {
                    return Relation.empty(layout.width());
                }
                it.remove();
            }
        }
        Run run = new Run(block, layout, conds, existence, countTail);
        return run.execute(rel);
    }

    /** The one-row relation with nothing bound (the start of the top block). */
    private static boolean isUnit(Relation r) {
        if (r.size != 1 || r.weights != null) {
            return false;
        }
        for (int[] c : r.cols) {
            if (c != null) {
                return false;
            }
        }
        return true;
    }

    private static Relation widen(Relation r, int width) {
        if (r.cols.length >= width) {
            return r;
        }
        return new Relation(r.size, Arrays.copyOf(r.cols, width), r.weights);
    }

    /** The mutable state of one block evaluation. */
    private final class Run {
        final MatchBlock block;
        final Layout layout;
        final List<Cond> conds;
        final List<MatchBlock.Traversal> traversals;
        final List<MatchBlock> negations;
        final boolean existence;
        final Set<String> countTail;
        final Set<String> bindingVars = new LinkedHashSet<>();
        /** Variables replaced by row weights (factorised count tail); they stay unbound on purpose. */
        final Set<String> factorised = new HashSet<>();

        Run(MatchBlock block, Layout layout, List<Cond> conds, boolean existence, Set<String> countTail) {
            this.block = block;
            this.layout = layout;
            this.conds = conds;
            this.traversals = new ArrayList<>(block.traversals());
            this.negations = new ArrayList<>(block.negations());
            this.existence = existence;
            this.countTail = countTail;
            block.bindings().forEach(b -> bindingVars.add(b.var()));
        }

        boolean bound(Relation rel, String var) {
            return rel.cols[layout.get(var).index()] != null;
        }

        Relation execute(Relation rel) {
            // components over the block's variables; every bound variable belongs to the "anchored" one
            Map<String, String> parent = new HashMap<>();
            String anchor = "\u0000anchor";
            parent.put(anchor, anchor);
            List<String> locals = new ArrayList<>();
            for (Variable v : block.variables()) {
                parent.put(v.name(), v.name());
                locals.add(v.name());
            }
            for (Slot s : layout.variables()) {
                parent.putIfAbsent(s.var(), s.var());
                if (rel.cols[s.index()] != null) {
                    union(parent, s.var(), anchor);
                }
            }
            for (MatchBlock.Traversal t : traversals) {
                union(parent, t.src(), t.dst());
                t.edgeVar().ifPresent(w -> union(parent, t.src(), w));
            }
            for (Cond c : conds) {
                if (c.leftVar != null && c.rightVar != null) {
                    union(parent, c.leftVar, c.rightVar);
                }
            }
            for (MatchBlock n : negations) {
                String first = null;
                for (String r : n.outerRefs()) {
                    parent.putIfAbsent(r, r);
                    if (first == null) {
                        first = r;
                    } else {
                        union(parent, first, r);
                    }
                }
            }
            String anchorRoot = find(parent, anchor);
            Set<String> anchored = new LinkedHashSet<>();
            Map<String, Set<String>> free = new LinkedHashMap<>();
            for (String v : locals) {
                String root = find(parent, v);
                if (root.equals(anchorRoot)) {
                    anchored.add(v);
                } else {
                    free.computeIfAbsent(root, k -> new LinkedHashSet<>()).add(v);
                }
            }
            List<Set<String>> components = new ArrayList<>(free.values());
            rel = bind(rel, anchored, components.isEmpty());
            for (int i = 0; i < components.size(); i++) {
                if (rel.size == 0) {
                    break;
                }
                Relation part = bind(Relation.unit(layout.width()), components.get(i), i == components.size() - 1);
                if (existence) {
                    if (part.size == 0) {
                        return Relation.empty(layout.width());
                    }
                } else if (isUnit(rel)) {
                    rel = part;
                } else {
                    rel = cross(rel, part);
                }
            }
            if (rel.size == 0) {
                return Relation.empty(layout.width());
            }
            rel = applyReady(rel);
            if (!conds.isEmpty() || !negations.isEmpty() || !traversals.isEmpty()) {
                throw new IllegalStateException("unapplied clauses after evaluation: " + conds + " " + traversals);
            }
            return rel;
        }

        /** Binds every variable of {@code targets}, starting from {@code rel}. */
        Relation bind(Relation rel, Set<String> targets, boolean last) {
            while (true) {
                rel = applyReady(rel);
                if (rel.size == 0) {
                    return rel;
                }
                MatchBlock.Traversal both = null;
                MatchBlock.Traversal one = null;
                for (MatchBlock.Traversal t : traversals) {
                    boolean s = bound(rel, t.src());
                    boolean d = bound(rel, t.dst());
                    if (s && d) {
                        both = t;
                        break;
                    }
                    if (one == null && (s || d) && targets.contains(s ? t.dst() : t.src())) {
                        one = t;
                    }
                }
                long t0 = System.nanoTime();
                if (both != null) {
                    traversals.remove(both);
                    Slot edgeSlot = both.edgeVar().map(layout::get).orElse(null);
                    Cond.RowTest edgeTest = edgeSlot == null ? null : Scanner.all(takeSingle(edgeSlot.var()));
                    rel = expander.constrain(rel, both, layout.get(both.src()), layout.get(both.dst()), edgeSlot, edgeTest);
                    ctx.trace("join $" + both.src() + " " + both.edge().name() + " $" + both.dst(), rel.size, t0);
                    continue;
                }
                if (one != null) {
                    boolean fromSrc = bound(rel, one.src());
                    List<Expander.Hop> chain = countChain(rel, one, fromSrc);
                    if (chain != null) {
                        rel = expander.countChain(rel, chain);
                        ctx.trace("count chain from $" + chain.get(0).from().var() + " over " + chain.size() + " hop(s)",
                                rel.size, t0);
                        continue;
                    }
                    traversals.remove(one);
                    Slot from = layout.get(fromSrc ? one.src() : one.dst());
                    Slot to = layout.get(fromSrc ? one.dst() : one.src());
                    Slot edgeSlot = one.edgeVar().map(layout::get).orElse(null);
                    List<Cond> dstConds = takeSingle(to.var());
                    Cond.RowTest dstTest = destinationTest(to, dstConds);
                    Cond.RowTest edgeTest = edgeSlot == null ? null : Scanner.all(takeSingle(edgeSlot.var()));
                    rel = expander.expand(rel, one, fromSrc, from, to, edgeSlot, dstTest, edgeTest);
                    ctx.trace("expand $" + from.var() + " " + one.edge().name() + (fromSrc ? " -> $" : " <- $") + to.var()
                            + (dstTest == null ? "" : " (filtered)"), rel.size, t0);
                    continue;
                }
                List<String> unbound = unboundTargets(rel, targets);
                if (unbound.isEmpty()) {
                    return applyReady(rel);
                }
                Slot root = layout.get(chooseRoot(rel, unbound));
                Scanner.Result scan = Scanner.scan(root, takeSingle(root.var()), ctx);
                rel = cross(rel, root, scan.rows());
                ctx.trace("scan $" + root.var() + ": " + root.type().name() + " (" + scan.access() + ")", rel.size, t0);
            }
        }

        /**
         * The factorisable count tail starting with {@code first} (expanding from its bound endpoint): a path of
         * traversals into variables that only {@code count()} aggregates use (no edge bindings, no other traversal,
         * multi-variable condition or negation touching them). Their rows are never materialised: each input row gets
         * the number of paths as its weight. Null when the shape does not apply.
         */
        List<Expander.Hop> countChain(Relation rel, MatchBlock.Traversal first, boolean fromSrc) {
            if (countTail.isEmpty()) {
                return null;
            }
            List<MatchBlock.Traversal> used = new ArrayList<>();
            List<String> vars = new ArrayList<>();
            List<Boolean> directions = new ArrayList<>();
            String start = fromSrc ? first.src() : first.dst();
            MatchBlock.Traversal t = first;
            boolean f = fromSrc;
            while (true) {
                String y = f ? t.dst() : t.src();
                if (t.edgeVar().isPresent() || !countTail.contains(y) || bound(rel, y) || vars.contains(y)
                        || y.equals(start) || t.src().equals(t.dst())) {
                    return null;
                }
                used.add(t);
                vars.add(y);
                directions.add(f);
                MatchBlock.Traversal next = null;
                for (MatchBlock.Traversal u : traversals) {
                    if (!used.contains(u) && (u.src().equals(y) || u.dst().equals(y))) {
                        if (next != null) {
                            return null;
                        }
                        next = u;
                    }
                }
                if (next == null) {
                    break;
                }
                f = next.src().equals(y);
                t = next;
            }
            for (String v : vars) {
                for (Cond c : conds) {
                    if (!c.singleVariable() && c.vars().contains(v)) {
                        return null;
                    }
                }
                for (MatchBlock n : negations) {
                    if (n.outerRefs().contains(v)) {
                        return null;
                    }
                }
            }
            List<Expander.Hop> hops = new ArrayList<>();
            String from = start;
            for (int i = 0; i < used.size(); i++) {
                Slot to = layout.get(vars.get(i));
                hops.add(new Expander.Hop(used.get(i), directions.get(i), layout.get(from), destinationTest(to, takeSingle(to.var()))));
                from = vars.get(i);
            }
            traversals.removeAll(used);
            factorised.addAll(vars);
            return hops;
        }

        /** Whether a pending condition or negation still mentions the variable. */
        boolean referenced(String var) {
            for (Cond c : conds) {
                if (c.vars().contains(var)) {
                    return true;
                }
            }
            for (MatchBlock n : negations) {
                if (n.outerRefs().contains(var)) {
                    return true;
                }
            }
            return false;
        }

        List<String> unboundTargets(Relation rel, Set<String> targets) {
            List<String> out = new ArrayList<>();
            for (String v : targets) {
                if (!bound(rel, v) && !factorised.contains(v)) {
                    out.add(v);
                }
            }
            return out;
        }

        /** Removes and returns the pending one-variable conditions on {@code var}. */
        List<Cond> takeSingle(String var) {
            List<Cond> out = new ArrayList<>();
            for (Iterator<Cond> it = conds.iterator(); it.hasNext(); ) {
                Cond c = it.next();
                if (c.singleVariable() && c.singleVar().equals(var)) {
                    out.add(c);
                    it.remove();
                }
            }
            return out;
        }

        /** The test applied to newly reached nodes: a bitmap when an index answers one of the conditions. */
        Cond.RowTest destinationTest(Slot to, List<Cond> dstConds) {
            if (dstConds.isEmpty()) {
                return null;
            }
            boolean indexed = false;
            for (Cond c : dstConds) {
                if (c.hint.isPresent() && Scanner.indexable(c.hint.get(), ctx.options.indexMode())
                        && c.hint.get().op() == io.omnigraph.compiler.query.ir.CompareOp.EQ) {
                    indexed = true;
                    break;
                }
            }
            if (indexed) {
                long[] bits = Scanner.bitmap(to, dstConds, ctx);
                return r -> (bits[r >>> 6] & (1L << r)) != 0;
            }
            return Scanner.all(dstConds);
        }

        /**
         * The variable to scan next: the smallest estimated scan; on ties a variable a count tail cannot absorb, then
         * one with a binding, then the first declared. Variables without a binding (traversal endpoints) qualify too;
         * they scan their whole type.
         */
        String chooseRoot(Relation rel, List<String> unbound) {
            String best = null;
            double bestEst = Double.MAX_VALUE;
            int bestRank = Integer.MAX_VALUE;
            Set<String> endpoints = new HashSet<>();
            for (MatchBlock.Traversal t : traversals) {
                endpoints.add(t.src());
                endpoints.add(t.dst());
            }
            for (String v : unbound) {
                Slot s = layout.get(v);
                boolean binding = bindingVars.contains(v);
                if (s.kind() != VarKind.NODE || (!binding && !endpoints.contains(v))) {
                    continue;
                }
                double est = estimate(s);
                int rank = (countTail.contains(v) ? 2 : 0) + (binding ? 0 : 1);
                if (est < bestEst || (est == bestEst && rank < bestRank)) {
                    best = v;
                    bestEst = est;
                    bestRank = rank;
                }
            }
            if (best != null) {
                return best;
            }
            for (String v : unbound) {
                if (layout.get(v).kind() == VarKind.NODE) {
                    return v;
                }
            }
            throw new IllegalStateException("no variable to scan among " + unbound);
        }

        /** Estimated rows of a root scan, from declared constraints only (independent of the index mode). */
        double estimate(Slot s) {
            double rows = s.table().rowCount();
            double factor = 1.0;
            for (Cond c : conds) {
                if (!c.singleVariable() || !c.singleVar().equals(s.var()) || c.hint.isEmpty()) {
                    continue;
                }
                Cond.IndexHint h = c.hint.get();
                boolean eq = h.op() == io.omnigraph.compiler.query.ir.CompareOp.EQ;
                switch (h.declared()) {
                    case ID, KEY, UNIQUE -> {
                        if (eq) {
                            return 1.0;
                        }
                        factor = Math.min(factor, 0.3);
                    }
                    case INDEX -> factor = Math.min(factor, eq ? 0.1 : 0.3);
                    case NONE -> {
                    }
                }
            }
            return Math.max(1.0, rows * factor);
        }

        /** Applies every pending condition and negation whose variables are all bound. */
        Relation applyReady(Relation rel) {
            for (Iterator<Cond> it = conds.iterator(); it.hasNext() && rel.size > 0; ) {
                Cond c = it.next();
                boolean ready = true;
                for (String v : c.vars()) {
                    ready &= bound(rel, v);
                }
                if (!ready) {
                    continue;
                }
                it.remove();
                int[] l = c.leftVar == null ? null : rel.cols[layout.get(c.leftVar).index()];
                int[] r = c.rightVar == null ? null : rel.cols[layout.get(c.rightVar).index()];
                boolean[] keep = new boolean[rel.size];
                Cond.Test t = c.test;
                for (int i = 0; i < rel.size; i++) {
                    keep[i] = t.test(l == null ? 0 : l[i], r == null ? 0 : r[i]);
                }
                rel = rel.filter(keep);
            }
            for (Iterator<MatchBlock> it = negations.iterator(); it.hasNext() && rel.size > 0; ) {
                MatchBlock n = it.next();
                boolean ready = true;
                for (String v : n.outerRefs()) {
                    ready &= bound(rel, v);
                }
                if (ready) {
                    it.remove();
                    long t0 = System.nanoTime();
                    rel = antiJoin(rel, n, layout);
                    ctx.trace("anti-join on " + n.outerRefs(), rel.size, t0);
                }
            }
            if (rel.size == 0) {
                conds.removeIf(c -> true);
                negations.clear();
                traversals.clear();
            }
            return rel;
        }
    }

    // ------------------------------------------------------------------------------------------------ operators

    /** Keeps the rows for which the negated block has no match (evaluated once per distinct outer tuple). */
    Relation antiJoin(Relation rel, MatchBlock neg, Layout outer) {
        List<Slot> refs = new ArrayList<>();
        for (String r : neg.outerRefs()) {
            refs.add(outer.get(r));
        }
        int n = rel.size;
        int[] groupOf = new int[n];
        IntBuf reps = new IntBuf(16);
        if (refs.size() == 1) {
            int[] col = rel.cols[refs.get(0).index()];
            int[] seen = new int[refs.get(0).table().rowCount()];
            Arrays.fill(seen, -1);
            for (int i = 0; i < n; i++) {
                int g = seen[col[i]];
                if (g < 0) {
                    g = reps.size();
                    seen[col[i]] = g;
                    reps.add(i);
                }
                groupOf[i] = g;
            }
        } else {
            int[][] cols = new int[refs.size()][];
            for (int k = 0; k < cols.length; k++) {
                cols[k] = rel.cols[refs.get(k).index()];
            }
            TupleIds ids = new TupleIds(cols, n);
            for (int i = 0; i < n; i++) {
                int g = ids.idOf(i);
                if (g == reps.size()) {
                    reps.add(i);
                }
                groupOf[i] = g;
            }
        }
        int groups = reps.size();
        Layout inner = new Layout();
        int[][] cols = new int[inner.width() + refs.size()][];
        int[] tags = new int[groups];
        for (int g = 0; g < groups; g++) {
            tags[g] = g;
        }
        cols[Layout.TAG] = tags;
        for (Slot r : refs) {
            Slot s = inner.copyFrom(r);
            int[] src = rel.cols[r.index()];
            int[] dst = new int[groups];
            for (int g = 0; g < groups; g++) {
                dst[g] = src[reps.get(g)];
            }
            cols[s.index()] = dst;
        }
        Relation input = new Relation(groups, cols, null);
        Relation matched = evaluate(neg, inner, input, true, Set.of());
        boolean[] hit = new boolean[groups];
        int[] mt = matched.cols[Layout.TAG];
        for (int i = 0; i < matched.size; i++) {
            hit[mt[i]] = true;
        }
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = !hit[groupOf[i]];
        }
        return rel.filter(keep);
    }

    /** Every row of {@code rel} combined with every row in {@code rows} (bound to {@code slot}). */
    private Relation cross(Relation rel, Slot slot, int[] rows) {
        long total = (long) rel.size * rows.length;
        ctx.checkRows(total);
        int n = (int) total;
        if (rel.size == 1) {
            int[] pos = new int[n];
            return rel.gather(pos, n).with(slot.index(), rows);
        }
        int[] pos = new int[n];
        int[] vals = new int[n];
        int k = 0;
        for (int i = 0; i < rel.size; i++) {
            for (int r : rows) {
                pos[k] = i;
                vals[k++] = r;
            }
        }
        return rel.gather(pos, n).with(slot.index(), vals);
    }

    /** The cross product of two relations over disjoint slots (left rows outer). */
    private Relation cross(Relation a, Relation b) {
        long total = (long) a.size * b.size;
        ctx.checkRows(total);
        int n = (int) total;
        int[] pa = new int[n];
        int[] pb = new int[n];
        int k = 0;
        for (int i = 0; i < a.size; i++) {
            for (int j = 0; j < b.size; j++) {
                pa[k] = i;
                pb[k++] = j;
            }
        }
        Relation ga = a.gather(pa, n);
        Relation gb = b.gather(pb, n);
        int[][] cols = Arrays.copyOf(ga.cols, Math.max(ga.cols.length, gb.cols.length));
        for (int c = 0; c < gb.cols.length; c++) {
            if (gb.cols[c] != null && c != Layout.TAG) {
                cols[c] = gb.cols[c];
            }
        }
        long[] w = null;
        if (ga.weights != null || gb.weights != null) {
            w = new long[n];
            for (int i = 0; i < n; i++) {
                w[i] = ga.weight(i) * gb.weight(i);
            }
        }
        return new Relation(n, cols, w);
    }

    private static String find(Map<String, String> parent, String x) {
        parent.putIfAbsent(x, x);
        String r = x;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        String c = x;
        while (!c.equals(r)) {
            String next = parent.get(c);
            parent.put(c, r);
            c = next;
        }
        return r;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
