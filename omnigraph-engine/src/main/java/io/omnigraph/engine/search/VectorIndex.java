package io.omnigraph.engine.search;

import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.VectorColumn;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An HNSW graph (Lucene's builder, Euclidean similarity) over the non-null vectors of one Vector column of one table
 * state. Entry ordinal {@code o} is the {@code o}-th non-null row of the table it was built from; per entry the index
 * keeps the entity id and the content hash of the vector, so a later table state can tell which entries still hold
 * ({@link Coverage}). The vectors themselves are not stored: searches score the current table's vectors.
 */
final class VectorIndex implements IndexCache.Sized {
    /** Max connections per node (Lucene default 16). */
    static final int M = 16;
    /** Candidate list size while building (Lucene default 100). */
    static final int BEAM = 100;
    private static final long SEED = 0x5eed;

    final int dim;
    final PackedGraph.Data graph;
    final String[] ids;
    final long[] hashes;
    /** Rows of the build table per ordinal (meaningful for the table state the index was built from). */
    final int[] builtRows;

    VectorIndex(int dim, PackedGraph.Data graph, String[] ids, long[] hashes, int[] builtRows) {
        this.dim = dim;
        this.graph = graph;
        this.ids = ids;
        this.hashes = hashes;
        this.builtRows = builtRows;
    }

    int size() {
        return ids.length;
    }

    static VectorIndex build(VectorColumn col, StringColumn idCol) {
        int n = col.size();
        int d = col.dim();
        List<float[]> vectors = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (!col.isNull(r)) {
                vectors.add(col.getVector(r));
                rows.add(r);
            }
        }
        int m = vectors.size();
        String[] ids = new String[m];
        long[] hashes = new long[m];
        int[] built = new int[m];
        for (int o = 0; o < m; o++) {
            int r = rows.get(o);
            built[o] = r;
            ids[o] = idCol.getString(r);
            hashes[o] = RowHashes.vector(col, r);
        }
        try {
            PackedGraph.Data g;
            if (m == 0) {
                g = new PackedGraph.Data(0, M, -1, new int[0][], new int[0][], new int[0][]);
            } else {
                RandomVectorScorerSupplier sup = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                        VectorSimilarityFunction.EUCLIDEAN, FloatVectorValues.fromFloats(vectors, d));
                OnHeapHnswGraph built0 = HnswGraphBuilder.create(sup, M, BEAM, SEED).build(m);
                g = PackedGraph.Data.of(built0);
            }
            return new VectorIndex(d, g, ids, hashes, built);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long estimatedBytes() {
        long b = 64 + graph.estimatedBytes() + 12L * ids.length;
        for (String id : ids) {
            b += 48 + 2L * id.length();
        }
        return b;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(dim);
        out.writeInt(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.writeUTF(ids[i]);
            out.writeLong(hashes[i]);
        }
        graph.write(out);
    }

    static VectorIndex read(DataInputStream in) throws IOException {
        int dim = in.readInt();
        int n = in.readInt();
        if (dim < 1 || n < 0) {
            throw new IOException("corrupt vector index header");
        }
        String[] ids = new String[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readUTF();
            hashes[i] = in.readLong();
        }
        PackedGraph.Data g = PackedGraph.Data.read(in);
        if (g.size() != n) {
            throw new IOException("HNSW graph has " + g.size() + " nodes for " + n + " entries");
        }
        return new VectorIndex(dim, g, ids, hashes, null);
    }
}
