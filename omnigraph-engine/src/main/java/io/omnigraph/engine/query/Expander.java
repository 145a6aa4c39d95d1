package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.ir.Direction;
import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.engine.index.TopologyIndex;
import io.omnigraph.engine.index.TopologyIndex.Adjacency;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Traversals over the {@link TopologyIndex}. The relation of a traversal {@code $s edge{min,max} $d} (no edge
 * binding) is {@code R = {(s, d) : d ∈ E(s)}}, where {@code E(s)} is what the breadth-first walk of spec §2.4 emits
 * from {@code s}: with {@code dist} the BFS hop distance from {@code s} (following the traversal's direction, both
 * directions for {@code <edge>}), {@code d ≠ s} is emitted iff {@code min ≤ dist(s,d) ≤ max}, and any {@code d}
 * (including {@code s}) with a self-loop is also emitted iff {@code min ≤ dist(s,d) + 1 ≤ max}. On edges between two
 * different types {@code max} is capped at 1 and {@code E(s)} is the set of neighbours.
 *
 * <p>The executor may reach a traversal from either endpoint; from the destination side it computes the inverse of
 * the same relation (a reverse BFS where the self-loop rule looks at the fixed destination), so results never depend
 * on which endpoint was bound first. With an edge binding there is one row per matching edge (one hop; a self-loop
 * counts once for {@code <edge>}).
 */
final class Expander {
    private final ExecContext ctx;

    Expander(ExecContext ctx) {
        this.ctx = ctx;
    }

    /** Per-walk scratch state over one node table. */
    private static final class Walk {
        final int[] visited;
        final int[] emitted;
        int stamp;
        final IntBuf frontier = new IntBuf(64);
        final IntBuf next = new IntBuf(64);
        final IntBuf out = new IntBuf(64);

        Walk(int nodes) {
            visited = new int[nodes];
            emitted = new int[nodes];
        }

        void begin() {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(visited, 0);
                Arrays.fill(emitted, 0);
                stamp = 1;
            }
            out.clear();
        }

        void emit(int n) {
            if (emitted[n] != stamp) {
                emitted[n] = stamp;
                out.add(n);
            }
        }
    }

    /** The neighbour lists to follow from the bound side: from the traversal's source when {@code fromSrc}. */
    static Adjacency[] lists(TopologyIndex topo, Direction dir, boolean fromSrc) {
        return switch (dir) {
            case OUT -> new Adjacency[]{fromSrc ? topo.out() : topo.in()};
            case IN -> new Adjacency[]{fromSrc ? topo.in() : topo.out()};
            case BOTH -> new Adjacency[]{topo.out(), topo.in()};
        };
    }

    /** State for the reachability of one traversal from one side. */
    final class Reach {
        final MatchBlock.Traversal t;
        final boolean fromSrc;
        final Adjacency[] lists;
        final TopologyIndex topo;
        final int min;
        final int max;
        final boolean singleList;
        private Walk walk;

        Reach(MatchBlock.Traversal t, boolean fromSrc) {
            this.t = t;
            this.fromSrc = fromSrc;
            this.topo = ctx.topology(t.edge());
            this.lists = lists(topo, t.direction(), fromSrc);
            this.min = (int) Math.min(Integer.MAX_VALUE, t.minHops());
            this.max = (int) Math.min(Integer.MAX_VALUE, t.effectiveMaxHops());
            this.singleList = lists.length == 1;
        }

        boolean empty() {
            return min > max;
        }

        /** True when the one-hop neighbour list of {@code x} can be used as is. */
        boolean direct() {
            return max == 1 && singleList;
        }

        private Walk walk() {
            if (walk == null) {
                walk = new Walk(lists[0].nodes() == 0 ? 1 : Math.max(topo.fromRows(), topo.toRows()) + 1);
            }
            return walk;
        }

        /** The nodes reached from {@code x}, each once (not valid after the next call). */
        IntBuf from(int x) {
            Walk w = walk();
            w.begin();
            if (max == 1) {
                for (Adjacency a : lists) {
                    int[] nb = a.distinctNeighbours();
                    for (int i = a.distinctOffsets()[x], e = a.distinctOffsets()[x + 1]; i < e; i++) {
                        w.emit(nb[i]);
                    }
                }
                return w.out;
            }
            // multi-hop: only same-type edges get here
            if (fromSrc) {
                forward(w, x);
            } else {
                backward(w, x);
            }
            return w.out;
        }

        private void forward(Walk w, int x) {
            int stamp = w.stamp;
            w.visited[x] = stamp;
            w.frontier.clear();
            w.frontier.add(x);
            for (int hop = 1; hop <= max && w.frontier.size() > 0; hop++) {
                w.next.clear();
                boolean emit = hop >= min;
                boolean last = hop == max;
                for (int f = 0; f < w.frontier.size(); f++) {
                    int node = w.frontier.get(f);
                    for (Adjacency a : lists) {
                        int[] nb = a.distinctNeighbours();
                        for (int i = a.distinctOffsets()[node], e = a.distinctOffsets()[node + 1]; i < e; i++) {
                            int n = nb[i];
                            if (n == node) {
                                if (emit) {
                                    w.emit(n);
                                }
                            } else if (w.visited[n] != stamp) {
                                w.visited[n] = stamp;
                                if (!last) {
                                    w.next.add(n);
                                }
                                if (emit) {
                                    w.emit(n);
                                }
                            }
                        }
                    }
                }
                swap(w);
            }
        }

        /** Sources {@code p} with {@code c ∈ E(p)}: reverse BFS from {@code c}; the self-loop rule looks at {@code c}. */
        private void backward(Walk w, int c) {
            int stamp = w.stamp;
            boolean self = topo.hasSelfLoop(c);
            w.visited[c] = stamp;
            if (self && min <= 1) {
                w.emit(c);
            }
            w.frontier.clear();
            w.frontier.add(c);
            for (int hop = 1; hop <= max && w.frontier.size() > 0; hop++) {
                w.next.clear();
                boolean emit = hop >= min || (self && hop >= min - 1 && hop <= max - 1);
                boolean last = hop == max;
                for (int f = 0; f < w.frontier.size(); f++) {
                    int node = w.frontier.get(f);
                    for (Adjacency a : lists) {
                        int[] nb = a.distinctNeighbours();
                        for (int i = a.distinctOffsets()[node], e = a.distinctOffsets()[node + 1]; i < e; i++) {
                            int n = nb[i];
                            if (w.visited[n] != stamp) {
                                w.visited[n] = stamp;
                                if (!last) {
                                    w.next.add(n);
                                }
                                if (emit) {
                                    w.emit(n);
                                }
                            }
                        }
                    }
                }
                swap(w);
            }
        }

        private void swap(Walk w) {
            w.frontier.clear();
            for (int i = 0; i < w.next.size(); i++) {
                w.frontier.add(w.next.get(i));
            }
        }

        /** True when {@code y ∈ E(x)} (from the source side). */
        boolean reaches(int x, int y) {
            if (max == 1) {
                for (Adjacency a : lists) {
                    if (a.connected(x, y)) {
                        return true;
                    }
                }
                return false;
            }
            Walk w = walk();
            w.begin();
            forward(w, x);
            return w.emitted[y] == w.stamp;
        }
    }

    // ------------------------------------------------------------------------------------------------ operators

    /**
     * Binds the traversal's unbound endpoint: one output row per (input row, reached node) — or per (input row, edge)
     * with an edge binding — keeping rows whose new node passes {@code dstTest} and whose edge passes
     * {@code edgeTest} (either may be null).
     */
    Relation expand(Relation rel, MatchBlock.Traversal t, boolean fromSrc, Slot from, Slot to, Slot edgeSlot,
                    Cond.RowTest dstTest, Cond.RowTest edgeTest) {
        if (edgeSlot != null) {
            return expandEdges(rel, t, fromSrc, from, to, edgeSlot, dstTest, edgeTest);
        }
        Reach reach = new Reach(t, fromSrc);
        int[] src = rel.cols[from.index()];
        if (!reach.empty() && reach.direct()) {
            Relation out = expandDirect(rel, reach.lists[0], src, to, dstTest);
            if (out != null) {
                return out;
            }
        }
        IntBuf parents = new IntBuf(rel.size);
        IntBuf dst = new IntBuf(rel.size);
        if (!reach.empty()) {
            for (int i = 0; i < rel.size; i++) {
                IntBuf reached = reach.from(src[i]);
                for (int k = 0; k < reached.size(); k++) {
                    int n = reached.get(k);
                    if (dstTest == null || dstTest.test(n)) {
                        parents.add(i);
                        dst.add(n);
                    }
                }
                if ((i & 1023) == 0) {
                    ctx.checkRows(dst.size());
                }
            }
        }
        ctx.checkRows(dst.size());
        Relation out = rel.gather(parents.raw(), parents.size());
        return out.with(to.index(), dst.toArray());
    }

    /**
     * One hop over one neighbour list: output arrays sized exactly (or by the degree sum) up front. Null when a
     * filtered expansion's upper bound exceeds the row limit.
     */
    private Relation expandDirect(Relation rel, Adjacency a, int[] src, Slot to, Cond.RowTest dstTest) {
        int[] off = a.distinctOffsets();
        int[] nb = a.distinctNeighbours();
        long total = 0;
        for (int i = 0; i < rel.size; i++) {
            total += off[src[i] + 1] - off[src[i]];
        }
        if (dstTest == null) {
            ctx.checkRows(total);
        } else if (total > ctx.options.maxRows()) {
            return null; // filtered output may still fit: take the growing path, which checks as it goes
        }
        int cap = (int) Math.min(total, Integer.MAX_VALUE - 16);
        int[] parents = new int[cap];
        int[] dst = new int[cap];
        int n = 0;
        for (int i = 0; i < rel.size; i++) {
            int x = src[i];
            for (int k = off[x], e = off[x + 1]; k < e; k++) {
                int y = nb[k];
                if (dstTest == null || dstTest.test(y)) {
                    parents[n] = i;
                    dst[n++] = y;
                }
            }
        }
        Relation out = rel.gather(parents, n);
        return out.with(to.index(), n == dst.length ? dst : Arrays.copyOf(dst, n));
    }

    private Relation expandEdges(Relation rel, MatchBlock.Traversal t, boolean fromSrc, Slot from, Slot to, Slot edgeSlot,
                                 Cond.RowTest dstTest, Cond.RowTest edgeTest) {
        TopologyIndex topo = ctx.topology(t.edge());
        Adjacency[] lists = lists(topo, t.direction(), fromSrc);
        int[] src = rel.cols[from.index()];
        IntBuf parents = new IntBuf(rel.size);
        IntBuf dst = new IntBuf(rel.size);
        IntBuf edges = new IntBuf(rel.size);
        if (t.minHops() <= 1) {
            for (int i = 0; i < rel.size; i++) {
                int x = src[i];
                for (int l = 0; l < lists.length; l++) {
                    Adjacency a = lists[l];
                    int[] off = a.offsets();
                    int[] nb = a.neighbours();
                    int[] ed = a.edges();
                    for (int k = off[x], e = off[x + 1]; k < e; k++) {
                        int n = nb[k];
                        if (l == 1 && n == x) {
                            continue; // an undirected self-loop is one edge, already seen in the out list
                        }
                        if ((edgeTest == null || edgeTest.test(ed[k])) && (dstTest == null || dstTest.test(n))) {
                            parents.add(i);
                            dst.add(n);
                            edges.add(ed[k]);
                        }
                    }
                }
                if ((i & 1023) == 0) {
                    ctx.checkRows(dst.size());
                }
            }
        }
        ctx.checkRows(dst.size());
        Relation out = rel.gather(parents.raw(), parents.size());
        return out.with(to.index(), dst.toArray()).with(edgeSlot.index(), edges.toArray());
    }

    /**
     * A traversal whose endpoints are both bound: keeps rows whose pair is in the traversal's relation; with an edge
     * binding, one row per connecting edge.
     */
    Relation constrain(Relation rel, MatchBlock.Traversal t, Slot src, Slot dst, Slot edgeSlot, Cond.RowTest edgeTest) {
        int[] xs = rel.cols[src.index()];
        int[] ys = rel.cols[dst.index()];
        if (edgeSlot == null) {
            Reach reach = new Reach(t, true);
            boolean[] keep = new boolean[rel.size];
            if (!reach.empty()) {
                if (reach.max == 1) {
                    for (int i = 0; i < rel.size; i++) {
                        keep[i] = reach.reaches(xs[i], ys[i]);
                    }
                } else {
                    // one walk per distinct source, in row order of first appearance
                    int[] order = new int[rel.size];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = i;
                    }
                    io.omnigraph.engine.index.IntSorts.sort(order, (a, b) -> Integer.compare(xs[a], xs[b]));
                    int i = 0;
                    while (i < order.length) {
                        int x = xs[order[i]];
                        IntBuf reached = reach.from(x);
                        int stampNodes = reached.size();
                        int j = i;
                        while (j < order.length && xs[order[j]] == x) {
                            j++;
                        }
                        if (j - i > 4 && stampNodes > 8) {
                            java.util.BitSet set = new java.util.BitSet();
                            for (int k = 0; k < stampNodes; k++) {
                                set.set(reached.get(k));
                            }
                            for (int k = i; k < j; k++) {
                                keep[order[k]] = set.get(ys[order[k]]);
                            }
                        } else {
                            for (int k = i; k < j; k++) {
                                int y = ys[order[k]];
                                boolean hit = false;
                                for (int q = 0; q < stampNodes && !hit; q++) {
                                    hit = reached.get(q) == y;
                                }
                                keep[order[k]] = hit;
                            }
                        }
                        i = j;
                    }
                }
            }
            return rel.filter(keep);
        }
        TopologyIndex topo = ctx.topology(t.edge());
        Adjacency[] lists = lists(topo, t.direction(), true);
        IntBuf parents = new IntBuf(rel.size);
        IntBuf edges = new IntBuf(rel.size);
        if (t.minHops() <= 1) {
            for (int i = 0; i < rel.size; i++) {
                int x = xs[i];
                int y = ys[i];
                for (int l = 0; l < lists.length; l++) {
                    if (l == 1 && x == y) {
                        continue;
                    }
                    Adjacency a = lists[l];
                    int[] nb = a.neighbours();
                    int[] ed = a.edges();
                    int lo = a.offsets()[x];
                    int hi = a.offsets()[x + 1];
                    int k = lowerBound(nb, lo, hi, y);
                    for (; k < hi && nb[k] == y; k++) {
                        if (edgeTest == null || edgeTest.test(ed[k])) {
                            parents.add(i);
                            edges.add(ed[k]);
                        }
                    }
                }
            }
        }
        ctx.checkRows(parents.size());
        return rel.gather(parents.raw(), parents.size()).with(edgeSlot.index(), edges.toArray());
    }

    private static int lowerBound(int[] a, int lo, int hi, int key) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One hop of a factorised count chain: the traversal, the side it is walked from, and the test of reached nodes. */
    record Hop(MatchBlock.Traversal traversal, boolean fromSrc, Slot from, Cond.RowTest dstTest) {
    }

    /**
     * The factorised tail of a count-only aggregate: instead of one row per path through {@code hops}, each input row
     * gets the number of such paths as its weight (rows with none are dropped). Path counts are computed from the
     * last hop backwards and memoised per node, so every node's neighbours are visited at most once per hop.
     */
    Relation countChain(Relation rel, List<Hop> hops) {
        int k = hops.size();
        Reach[] reach = new Reach[k];
        long[][] memo = new long[k][];
        for (int h = 0; h < k; h++) {
            reach[h] = new Reach(hops.get(h).traversal(), hops.get(h).fromSrc());
            memo[h] = new long[hops.get(h).from().table().rowCount()];
            Arrays.fill(memo[h], -1);
        }
        int[] src = rel.cols[hops.get(0).from().index()];
        long[] weights = new long[rel.size];
        boolean[] keep = new boolean[rel.size];
        long[] dense = dense(rel, hops, reach);
        for (int i = 0; i < rel.size; i++) {
            long c = dense != null ? dense[src[i]] : paths(0, src[i], hops, reach, memo);
            if (c > 0) {
                keep[i] = true;
                weights[i] = rel.weight(i) * c;
            }
        }
        return rel.withWeights(weights).filter(keep);
    }

    /** Edges below which the dense count is computed on the calling thread. */
    private static final int PARALLEL_EDGES = 1 << 18;

    /**
     * The path counts of every node of the first hop's table, computed bottom-up over whole adjacency arrays (last hop
     * first): {@code cnt_h[x] = Σ_{y ∈ N_h(x), test_h(y)} cnt_{h+1}[y]} with {@code cnt_k ≡ 1}. Each level is one
     * sequential pass over a CSR (split across the common pool when large) instead of a memoised recursion, which pays
     * off when the input rows cover a good part of the first table. Null when it does not apply: a hop is not a plain
     * one-direction single hop, or the index mode says so ({@code SCAN}: never, {@code INDEX}: always, {@code AUTO}:
     * when the input has at least an eighth of the first table's rows — below that the memoised walk touches less).
     */
    private long[] dense(Relation rel, List<Hop> hops, Reach[] reach) {
        int fromRows = hops.get(0).from().table().rowCount();
        boolean wanted = switch (ctx.options.indexMode()) {
            case SCAN -> false;
            case INDEX -> true;
            case AUTO -> (long) rel.size * 8 >= fromRows;
        };
        if (!wanted) {
            return null;
        }
        for (Reach r : reach) {
            if (r.empty() || !r.direct()) {
                return null;
            }
        }
        long[] next = null;
        for (int h = hops.size() - 1; h >= 0; h--) {
            Adjacency a = reach[h].lists[0];
            int[] off = a.distinctOffsets();
            int[] nb = a.distinctNeighbours();
            int rows = hops.get(h).from().table().rowCount();
            Cond.RowTest test = hops.get(h).dstTest();
            long[] cur = new long[rows];
            int n = Math.min(rows, off.length - 1);
            if (next == null && test == null) {
                for (int x = 0; x < n; x++) {
                    cur[x] = off[x + 1] - off[x];
                }
            } else {
                TopologyIndex topo = reach[h].topo;
                int targets = next != null ? next.length : a == topo.out() ? topo.toRows() : topo.fromRows();
                long[] val = new long[targets];
                for (int y = 0; y < targets; y++) {
                    val[y] = (test == null || test.test(y)) ? (next == null ? 1 : next[y]) : 0;
                }
                sumNeighbours(off, nb, n, val, cur);
            }
            next = cur;
        }
        return next;
    }

    /** {@code out[x] = Σ val[nb[q]]} for {@code q} in {@code x}'s list, for {@code x < n}; parallel when large. */
    static void sumNeighbours(int[] off, int[] nb, int n, long[] val, long[] out) {
        int edges = n == 0 ? 0 : off[n] - off[0];
        int parts = edges < PARALLEL_EDGES ? 1 : Math.min(64, Math.max(2, ForkJoinPool.getCommonPoolParallelism() * 4));
        if (parts == 1) {
            sumRange(off, nb, 0, n, val, out);
            return;
        }
        // split the node range so each part covers about the same number of edges
        int[] bounds = new int[parts + 1];
        bounds[parts] = n;
        long per = Math.max(1, (long) edges / parts);
        int x = 0;
        for (int p = 1; p < parts; p++) {
            x = lowerBound(off, x, n, (int) Math.min(Integer.MAX_VALUE, off[0] + per * p));
            bounds[p] = x;
        }
        IntStream.range(0, parts).parallel().forEach(p -> sumRange(off, nb, bounds[p], bounds[p + 1], val, out));
    }

    private static void sumRange(int[] off, int[] nb, int from, int to, long[] val, long[] out) {
        for (int x = from; x < to; x++) {
            long c = 0;
            for (int q = off[x], e = off[x + 1]; q < e; q++) {
                c += val[nb[q]];
            }
            out[x] = c;
        }
    }

    private long paths(int h, int node, List<Hop> hops, Reach[] reach, long[][] memo) {
        long m = memo[h][node];
        if (m >= 0) {
            return m;
        }
        long c = 0;
        Reach r = reach[h];
        Cond.RowTest test = hops.get(h).dstTest();
        boolean last = h == hops.size() - 1;
        if (!r.empty()) {
            if (r.direct()) {
                Adjacency a = r.lists[0];
                int[] nb = a.distinctNeighbours();
                int lo = a.distinctOffsets()[node];
                int hi = a.distinctOffsets()[node + 1];
                if (last && test == null) {
                    c = hi - lo;
                } else {
                    for (int q = lo; q < hi; q++) {
                        int y = nb[q];
                        if (test == null || test.test(y)) {
                            c += last ? 1 : paths(h + 1, y, hops, reach, memo);
                        }
                    }
                }
            } else {
                IntBuf reached = r.from(node);
                int[] ys = java.util.Arrays.copyOf(reached.raw(), reached.size());
                for (int y : ys) {
                    if (test == null || test.test(y)) {
                        c += last ? 1 : paths(h + 1, y, hops, reach, memo);
                    }
                }
            }
        }
        memo[h][node] = c;
        return c;
    }
}
