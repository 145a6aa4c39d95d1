package io.omnigraph.engine.search;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * An HNSW graph in flat arrays (what Lucene's builder produced, compacted; or read back from a persisted index).
 * {@link Data} is immutable and shared; {@link #view()} gives a Lucene {@link HnswGraph} cursor for one search (Lucene
 * graphs keep a seek position, so each search needs its own view).
 */
final class PackedGraph {
    private PackedGraph() {
    }

    /** Level 0 covers nodes {@code 0..size-1}; level {@code l ≥ 1} lists its nodes (sorted) in {@code nodes[l]}. */
    record Data(int size, int maxConn, int entryNode, int[][] nodes, int[][] offsets, int[][] neighbours) {
        int numLevels() {
            return offsets.length;
        }

        long estimatedBytes() {
            long b = 64;
            for (int l = 0; l < offsets.length; l++) {
                b += 4L * (offsets[l].length + neighbours[l].length + (nodes[l] == null ? 0 : nodes[l].length));
            }
            return b;
        }

        HnswGraph view() {
            return new View(this);
        }

        static Data of(HnswGraph g) throws IOException {
            int levels = g.numLevels();
            int size = g.size();
            int[][] nodes = new int[levels][];
            int[][] offsets = new int[levels][];
            int[][] nbrs = new int[levels][];
            for (int l = 0; l < levels; l++) {
                int[] ns;
                if (l == 0) {
                    ns = null;
                } else {
                    HnswGraph.NodesIterator it = g.getNodesOnLevel(l);
                    ns = new int[it.size()];
                    int k = 0;
                    while (it.hasNext()) {
                        ns[k++] = it.nextInt();
                    }
                    Arrays.sort(ns);
                }
                int count = l == 0 ? size : ns.length;
                int[] off = new int[count + 1];
                int[] buf = new int[Math.max(16, count * 8)];
                int k = 0;
                for (int i = 0; i < count; i++) {
                    int node = l == 0 ? i : ns[i];
                    off[i] = k;
                    g.seek(l, node);
                    int nb;
                    while ((nb = g.nextNeighbor()) != DocIdSetIterator.NO_MORE_DOCS) {
                        if (k == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        buf[k++] = nb;
                    }
                }
                off[count] = k;
                nodes[l] = ns;
                offsets[l] = off;
                nbrs[l] = Arrays.copyOf(buf, k);
            }
            return new Data(size, g.maxConn(), size == 0 ? -1 : g.entryNode(), nodes, offsets, nbrs);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(size);
            out.writeInt(maxConn);
            out.writeInt(entryNode);
            out.writeInt(numLevels());
            for (int l = 0; l < numLevels(); l++) {
                if (l > 0) {
                    writeInts(out, nodes[l]);
                }
                writeInts(out, offsets[l]);
                writeInts(out, neighbours[l]);
            }
        }

        static Data read(DataInputStream in) throws IOException {
            int size = in.readInt();
            int maxConn = in.readInt();
            int entry = in.readInt();
            int levels = in.readInt();
            if (size < 0 || levels < 0 || levels > 64 || (size > 0 && (entry < 0 || entry >= size))) {
                throw new IOException("corrupt HNSW header");
            }
            int[][] nodes = new int[levels][];
            int[][] offsets = new int[levels][];
            int[][] nbrs = new int[levels][];
            for (int l = 0; l < levels; l++) {
                nodes[l] = l == 0 ? null : readInts(in);
                offsets[l] = readInts(in);
                nbrs[l] = readInts(in);
                int count = l == 0 ? size : nodes[l].length;
                if (offsets[l].length != count + 1 || offsets[l][count] != nbrs[l].length) {
                    throw new IOException("corrupt HNSW level " + l);
                }
                for (int v : nbrs[l]) {
                    if (v < 0 || v >= size) {
                        throw new IOException("HNSW neighbour out of range");
                    }
                }
            }
            return new Data(size, maxConn, entry, nodes, offsets, nbrs);
        }
    }

    static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    static int[] readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative array length");
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    /** A seekable cursor over {@link Data} for one search. */
    private static final class View extends HnswGraph {
        private final Data d;
        private int[] nbrs;
        private int pos;
        private int end;
        private int count;

        View(Data d) {
            this.d = d;
        }

        @Override
        public void seek(int level, int target) {
            int idx;
            if (level == 0) {
                idx = target;
            } else {
                idx = Arrays.binarySearch(d.nodes[level], target);
                if (idx < 0) {
                    nbrs = d.neighbours[level];
                    pos = end = count = 0;
                    return;
                }
            }
            int[] off = d.offsets[level];
            nbrs = d.neighbours[level];
            pos = off[idx];
            end = off[idx + 1];
            count = end - pos;
        }

        @Override
        public int size() {
            return d.size;
        }

        @Override
        public int nextNeighbor() {
            return pos < end ? nbrs[pos++] : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int numLevels() {
            return d.numLevels();
        }

        @Override
        public int maxConn() {
            return d.maxConn;
        }

        @Override
        public int entryNode() {
            return d.entryNode;
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return level == 0 ? new DenseNodesIterator(d.size) : new ArrayNodesIterator(d.nodes[level], d.nodes[level].length);
        }

        @Override
        public int neighborCount() {
            return count;
        }
    }
}
