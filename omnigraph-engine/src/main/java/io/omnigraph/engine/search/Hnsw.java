package io.omnigraph.engine.search;

import io.omnigraph.engine.table.VectorColumn;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Filtered HNSW search over a {@link SearchIndexes.VectorView}, scoring the current table's vectors. */
final class Hnsw {
    /** Searches answered from the graph (not given up for brute force), for tests and diagnostics. */
    static final java.util.concurrent.atomic.AtomicLong ANSWERED = new java.util.concurrent.atomic.AtomicLong();

    private Hnsw() {
    }

    /**
     * Candidate rows for an exact re-rank: the graph's best {@code max(k, ef)} entries among the covered candidates,
     * plus every candidate the index does not cover. Returns null when the filtered graph search gave up (visited more
     * nodes than there are accepted entries, or found fewer than {@code k}) — the caller then uses brute force.
     */
    static int[] search(SearchIndexes.VectorView view, VectorColumn col, float[] q, int[] cand, int k, int ef, int tableRows) {
        Coverage cov = view.coverage();
        VectorIndex idx = view.index();
        int n = idx.size();
        FixedBitSet accept = new FixedBitSet(Math.max(1, n));
        int accepted = 0;
        int[] unc = new int[16];
        int u = 0;
        for (int r : cand) {
            int o = cov.rowToOrd()[r];
            if (o >= 0) {
                accept.set(o);
                accepted++;
            } else {
                if (u == unc.length) {
                    unc = Arrays.copyOf(unc, u * 2);
                }
                unc[u++] = r;
            }
        }
        return searchGraph(view, col, q, accepted == n ? null : accept, accepted, unc, u, k, ef);
    }

    /**
     * {@link #search} with every row of the table as a candidate: the accepted entries are the valid ones and the rows
     * the index does not cover are {@link Coverage#uncovered()} (every row with a vector is either). O(index size / 64)
     * besides the graph search itself; no per-row work.
     */
    static int[] searchAll(SearchIndexes.VectorView view, VectorColumn col, float[] q, int k, int ef) {
        Coverage cov = view.coverage();
        int n = view.index().size();
        int accepted = cov.valid().cardinality();
        FixedBitSet accept = null;
        if (accepted != n) {
            int bits = Math.max(1, n);
            accept = new FixedBitSet(Arrays.copyOf(cov.valid().toLongArray(), FixedBitSet.bits2words(bits)), bits);
        }
        int[] unc = cov.uncovered();
        return searchGraph(view, col, q, accept, accepted, unc, unc.length, k, ef);
    }

    /** The graph search over the accepted entries ({@code accept} null: all of them), plus the uncovered rows. */
    private static int[] searchGraph(SearchIndexes.VectorView view, VectorColumn col, float[] q, FixedBitSet accept,
                                     int accepted, int[] unc, int u, int k, int ef) {
        Coverage cov = view.coverage();
        VectorIndex idx = view.index();
        int n = idx.size();
        int[] fromGraph = new int[0];
        if (accepted > 0) {
            int kk = Math.max(k, ef);
            int visitLimit = accepted == n ? Integer.MAX_VALUE : accepted + 1;
            KnnCollector c = new TopKnnCollector(kk, visitLimit);
            try {
                HnswGraphSearcher.search(new Scorer(q, col.rawValues(), col.dim(), cov.navRow(), n), c,
                        idx.graph.view(), accept);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (c.earlyTerminated()) {
                return null;
            }
            TopDocs td = c.topDocs();
            if (td.scoreDocs.length < Math.min(k, accepted)) {
                return null;
            }
            fromGraph = new int[td.scoreDocs.length];
            int g = 0;
            for (ScoreDoc sd : td.scoreDocs) {
                fromGraph[g++] = cov.navRow()[sd.doc];
            }
        }
        ANSWERED.incrementAndGet();
        int[] out = Arrays.copyOf(fromGraph, fromGraph.length + u);
        System.arraycopy(unc, 0, out, fromGraph.length, u);
        return out;
    }

    /**
     * Euclidean similarity {@code 1 / (1 + d²)} against the current vector of each entry's row (0 when gone). Holds a
     * scratch row: one scorer per search.
     */
    private record Scorer(float[] q, float[] raw, int dim, int[] navRow, int maxOrd, float[] scratch) implements RandomVectorScorer {
        Scorer(float[] q, float[] raw, int dim, int[] navRow, int maxOrd) {
            this(q, raw, dim, navRow, maxOrd, new float[dim]);
        }

        @Override
        public float score(int node) {
            int r = navRow[node];
            return r < 0 ? 0f : 1f / (1f + L2.squaredFast(q, raw, r * dim, scratch));
        }
    }
}
