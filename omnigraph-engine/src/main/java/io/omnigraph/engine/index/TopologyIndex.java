package io.omnigraph.engine.index;

import io.omnigraph.engine.table.DictStringColumn;
import io.omnigraph.engine.table.IdIndex;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.Utf8Column;

import java.util.Arrays;

/**
 * The adjacency of one edge table between its two endpoint node tables, in primitive arrays: a CSR (out-adjacency,
 * indexed by the row of the source node in the from-table) and a CSC (in-adjacency, indexed by the row of the target
 * node in the to-table). Node "dense ids" are simply row numbers of the endpoint {@link TableData}s, so no id
 * dictionary is needed.
 *
 * <p>Layout per direction: {@code offsets[n + 1]}, {@code neighbours[]} (row in the other endpoint table) and
 * {@code edges[]} (row in the edge table). Each node's list is sorted by neighbour row, then by edge row, so parallel
 * edges are adjacent; {@code distinct*} arrays hold each neighbour once (they are the same arrays when the table has
 * no parallel edges). Edges whose endpoint is not a live node are left out ({@link #danglingEdges()}).
 *
 * <p>Built by counting sort in {@code O(E + V)} from the edge table's {@code src}/{@code dst} columns; endpoint strings
 * are resolved once per dictionary entry when the endpoint columns are dictionary-encoded. Immutable and thread-safe.
 */
public final class TopologyIndex {
    private final int fromRows;
    private final int toRows;
    private final int edgeCount;
    private final int dangling;
    private final boolean sameTable;
    private final Adjacency out;
    private final Adjacency in;
    private final long[] selfLoops;
    private final long buildNanos;

    /** One direction of the adjacency. */
    public record Adjacency(int[] offsets, int[] neighbours, int[] edges, int[] distinctOffsets, int[] distinctNeighbours) {
        /** Number of nodes on this side. */
        public int nodes() {
            return offsets.length - 1;
        }

        public int degree(int node) {
            return offsets[node + 1] - offsets[node];
        }

        public int distinctDegree(int node) {
            return distinctOffsets[node + 1] - distinctOffsets[node];
        }

        /** True when {@code node} has an edge to {@code neighbour} (binary search in the sorted distinct list). */
        public boolean connected(int node, int neighbour) {
            return Arrays.binarySearch(distinctNeighbours, distinctOffsets[node], distinctOffsets[node + 1], neighbour) >= 0;
        }

        boolean hasParallelEdges() {
            return distinctNeighbours != neighbours;
        }

        long bytes() {
            long b = 4L * (offsets.length + neighbours.length + edges.length);
            if (hasParallelEdges()) {
                b += 4L * (distinctOffsets.length + distinctNeighbours.length);
            }
            return b;
        }
    }

    private TopologyIndex(int fromRows, int toRows, int edgeCount, int dangling, boolean sameTable, Adjacency out,
                          Adjacency in, long[] selfLoops, long buildNanos) {
        this.fromRows = fromRows;
        this.toRows = toRows;
        this.edgeCount = edgeCount;
        this.dangling = dangling;
        this.sameTable = sameTable;
        this.out = out;
        this.in = in;
        this.selfLoops = selfLoops;
        this.buildNanos = buildNanos;
    }

    /**
     * Builds the index of {@code edges} (an edge table: {@code id, src, dst, …}) between {@code from} and {@code to}
     * (the same object for an edge between one node type).
     */
    public static TopologyIndex build(TableData edges, TableData from, TableData to) {
        long t0 = System.nanoTime();
        int e = edges.rowCount();
        int[] src = resolve((StringColumn) edges.column(1), from.idIndex(), e);
        int[] dst = resolve((StringColumn) edges.column(2), to.idIndex(), e);
        int nFrom = from.rowCount();
        int nTo = to.rowCount();
        // keep only edges whose endpoints are live nodes (compact src/dst/edge-row triples)
        int kept = 0;
        for (int i = 0; i < e; i++) {
            if (src[i] >= 0 && dst[i] >= 0) {
                kept++;
            }
        }
        int[] s0 = kept == e ? src : new int[kept];
        int[] d0 = kept == e ? dst : new int[kept];
        int[] e0 = new int[kept];
        if (kept == e) {
            for (int i = 0; i < e; i++) {
                e0[i] = i;
            }
        } else {
            int k = 0;
            for (int i = 0; i < e; i++) {
                if (src[i] >= 0 && dst[i] >= 0) {
                    s0[k] = src[i];
                    d0[k] = dst[i];
                    e0[k++] = i;
                }
            }
        }
        // LSD counting sorts that carry the triples along (sequential reads, scattered writes):
        // by dst, then by src -> out lists sorted by (src, dst, edge row)
        int[] s1 = new int[kept];
        int[] d1 = new int[kept];
        int[] e1 = new int[kept];
        scatter(d0, s0, d0, e0, s1, d1, e1, nTo);
        int[] outOffsets = new int[nFrom + 1];
        int[] outNeighbours = new int[kept];
        int[] outEdges = new int[kept];
        scatterInto(s1, d1, e1, outOffsets, outNeighbours, outEdges, nFrom);
        // in lists: the out order re-sorted (stably) by dst -> sorted by (dst, src, edge row)
        int[] inOffsets = new int[nTo + 1];
        int[] inNeighbours = new int[kept];
        int[] inEdges = new int[kept];
        for (int k = 0; k < kept; k++) {
            inOffsets[outNeighbours[k] + 1]++;
        }
        for (int v = 0; v < nTo; v++) {
            inOffsets[v + 1] += inOffsets[v];
        }
        {
            int[] fill = Arrays.copyOf(inOffsets, nTo);
            for (int v = 0; v < nFrom; v++) {
                for (int k = outOffsets[v]; k < outOffsets[v + 1]; k++) {
                    int p = fill[outNeighbours[k]]++;
                    inNeighbours[p] = v;
                    inEdges[p] = outEdges[k];
                }
            }
        }
        Adjacency outAdj = withDistinct(outOffsets, outNeighbours, outEdges, nFrom);
        Adjacency inAdj = withDistinct(inOffsets, inNeighbours, inEdges, nTo);
        boolean same = from == to;
        long[] loops = null;
        if (same) {
            for (int k = 0; k < kept; k++) {
                if (s0[k] == d0[k]) {
                    int n = s0[k];
                    if (loops == null) {
                        loops = new long[(nFrom + 63) >>> 6];
                    }
                    loops[n >>> 6] |= 1L << n;
                }
            }
        }
        return new TopologyIndex(nFrom, nTo, kept, e - kept, same, outAdj, inAdj, loops, System.nanoTime() - t0);
    }

    /** Node row of every edge endpoint, -1 when the endpoint is not a live node. */
    private static int[] resolve(StringColumn endpoint, IdIndex nodes, int n) {
        int[] out = new int[n];
        if (endpoint instanceof DictStringColumn d) {
            Utf8Column dict = d.dictionary();
            int[] codeRow = new int[dict.size()];
            for (int c = 0; c < codeRow.length; c++) {
                codeRow[c] = nodes.find(dict, c);
            }
            int[] codes = d.rawCodes();
            for (int i = 0; i < n; i++) {
                out[i] = d.isNull(i) ? -1 : codeRow[codes[i]];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = nodes.find(endpoint, i);
            }
        }
        return out;
    }

    /** Stable counting sort of the triples (s, d, e) by {@code key} (one of them) into the output arrays. */
    private static void scatter(int[] key, int[] s, int[] d, int[] e, int[] so, int[] dout, int[] eo, int buckets) {
        int[] pos = new int[buckets + 1];
        for (int k : key) {
            pos[k + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            pos[b + 1] += pos[b];
        }
        for (int i = 0; i < key.length; i++) {
            int p = pos[key[i]]++;
            so[p] = s[i];
            dout[p] = d[i];
            eo[p] = e[i];
        }
    }

    /** Stable counting sort by {@code s}: fills CSR offsets and the (neighbour, edge) lists. */
    private static void scatterInto(int[] s, int[] d, int[] e, int[] offsets, int[] neighbours, int[] edges, int nodes) {
        for (int v : s) {
            offsets[v + 1]++;
        }
        for (int v = 0; v < nodes; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] fill = Arrays.copyOf(offsets, nodes);
        for (int i = 0; i < s.length; i++) {
            int p = fill[s[i]]++;
            neighbours[p] = d[i];
            edges[p] = e[i];
        }
    }

    /** Adds the distinct-neighbour view (the same arrays when there are no parallel edges). */
    private static Adjacency withDistinct(int[] offsets, int[] neighbours, int[] edges, int nodes) {
        int m = neighbours.length;
        // lists are sorted by neighbour, so duplicates are adjacent
        int dups = 0;
        for (int v = 0; v < nodes; v++) {
            for (int i = offsets[v] + 1; i < offsets[v + 1]; i++) {
                if (neighbours[i] == neighbours[i - 1]) {
                    dups++;
                }
            }
        }
        if (dups == 0) {
            return new Adjacency(offsets, neighbours, edges, offsets, neighbours);
        }
        int[] dOffsets = new int[nodes + 1];
        int[] dNeighbours = new int[m - dups];
        int p = 0;
        for (int v = 0; v < nodes; v++) {
            for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                if (i == offsets[v] || neighbours[i] != neighbours[i - 1]) {
                    dNeighbours[p++] = neighbours[i];
                }
            }
            dOffsets[v + 1] = p;
        }
        return new Adjacency(offsets, neighbours, edges, dOffsets, dNeighbours);
    }

    /** Out-adjacency: from-table row → to-table rows. */
    public Adjacency out() {
        return out;
    }

    /** In-adjacency: to-table row → from-table rows. */
    public Adjacency in() {
        return in;
    }

    public int fromRows() {
        return fromRows;
    }

    public int toRows() {
        return toRows;
    }

    /** Number of edges in the index. */
    public int edgeCount() {
        return edgeCount;
    }

    /** Edges left out because an endpoint is not a live node of its table. */
    public int danglingEdges() {
        return dangling;
    }

    /** True when both endpoints are the same node table (self-loops and multi-hop apply). */
    public boolean sameTable() {
        return sameTable;
    }

    /** True when {@code node} has an edge to itself (same-table edges only). */
    public boolean hasSelfLoop(int node) {
        return selfLoops != null && (selfLoops[node >>> 6] & (1L << node)) != 0;
    }

    /** Wall time the build took. */
    public long buildNanos() {
        return buildNanos;
    }

    public long estimatedBytes() {
        return 128 + out.bytes() + in.bytes() + (selfLoops == null ? 0 : 8L * selfLoops.length);
    }

    @Override
    public String toString() {
        return "TopologyIndex[" + edgeCount + " edges, " + fromRows + " -> " + toRows + " nodes]";
    }
}
