package io.omnigraph.engine.search;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.query.ir.RankExpr;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.embed.Embedder;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.query.GraphSource;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.Ranker;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.VectorColumn;
import io.omnigraph.engine.text.TextAnalysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The search engine behind the executor's {@link Ranker} seam (docs/search.md):
 * <ul>
 *   <li>{@code search}/{@code match_text} — a row matches when its field shares at least one token with the query;
 *       {@code fuzzy} — when some field token is within {@code max_edits} (default 2) Levenshtein edits of some query
 *       token. Tokens come from {@link TextAnalysis}; the index and a scan give identical answers.</li>
 *   <li>{@code bm25} — standard BM25 (k1 = 1.2, b = 0.75) with statistics over the ranked candidates (the distinct
 *       entities of the filtered rows); rows without a matching token are dropped; ties by entity id.</li>
 *   <li>{@code nearest} — Euclidean (L2) distance ascending over the filtered candidates (pre-filter); exact brute
 *       force for few candidates or without an index, HNSW (filtered) otherwise, falling back to brute force when the
 *       filtered graph search cannot fill {@code k}; rows with a NULL vector are not ranked; ties by entity id.</li>
 *   <li>{@code rrf} — reciprocal-rank fusion exactly per languages.md §2.6.</li>
 * </ul>
 * Ranking is applied to the joined relation (post-join), so a ranked variable may be introduced by a traversal; all
 * rows of a ranked entity share its rank and score. Stateless and thread-safe.
 */
public final class SearchRanker implements Ranker {
    public static final SearchRanker INSTANCE = new SearchRanker();
    /** BM25 term-frequency saturation. */
    public static final double K1 = 1.2;
    /** BM25 length normalisation. */
    public static final double B = 0.75;
    /** Default {@code fuzzy} edit distance. */
    public static final int DEFAULT_MAX_EDITS = 2;
    /** Candidate sets up to this size are ranked by exact brute force even when an HNSW index exists. */
    static final int EXACT_MAX = Integer.getInteger("omnigraph.search.exact_max", 4096);
    /** HNSW search beam (results gathered before exact re-ranking), at least {@code k}. */
    static final int EF = Integer.getInteger("omnigraph.search.hnsw_ef", 100);
    private static final QueryEmbeddings QUERY_EMBEDDINGS = new QueryEmbeddings(1024);

    private SearchRanker() {
    }

    // =========================================================================================== text predicates

    @Override
    public boolean[] textMatch(TypedExpr.TextMatch predicate, GraphSource graph, EntityType type, IndexMode mode,
                               Value query, Optional<Value> maxEdits) {
        TableData table = graph.table(type);
        boolean[] hits = new boolean[table.rowCount()];
        int edits = predicate.kind() == TypedExpr.TextMatchKind.FUZZY ? edits(maxEdits) : 0; // validated even with no rows
        if (query.isNull() || table.rowCount() == 0) {
            return hits;
        }
        List<String> tokens = TextAnalysis.distinctTokens(text(query));
        if (tokens.isEmpty()) {
            return hits;
        }
        PropertyDef p = predicate.field().property();
        StringColumn col = (StringColumn) graph.column(type, p);
        Optional<SearchIndexes.TextView> view = SearchIndexes.text(graph, type, p, mode);
        int[] scan;
        if (view.isPresent()) {
            TextIndex idx = view.get().index();
            Coverage cov = view.get().coverage();
            for (String tok : tokens) {
                List<Integer> terms = edits == 0 ? single(idx.term(tok)) : idx.fuzzyTerms(tok, edits);
                for (int t : terms) {
                    for (int i = idx.offsets[t]; i < idx.offsets[t + 1]; i++) {
                        int ord = idx.postings[i];
                        if (cov.valid().get(ord)) {
                            hits[cov.navRow()[ord]] = true;
                        }
                    }
                }
            }
            scan = cov.uncovered();
        } else {
            scan = allRows(table.rowCount());
        }
        for (int r : scan) {
            if (!col.isNull(r)) {
                hits[r] = matches(TextAnalysis.tokens(col.getString(r)), tokens, edits);
            }
        }
        return hits;
    }

    private static List<Integer> single(int t) {
        return t < 0 ? List.of() : List.of(t);
    }

    private static boolean matches(List<String> rowTokens, List<String> queryTokens, int edits) {
        for (String rt : rowTokens) {
            for (String qt : queryTokens) {
                if (edits == 0 ? rt.equals(qt) : Levenshtein.within(qt, rt, edits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int edits(Optional<Value> maxEdits) {
        if (maxEdits.isEmpty() || maxEdits.get().isNull()) {
            return DEFAULT_MAX_EDITS;
        }
        Value v = maxEdits.get();
        long e = switch (v) {
            case Value.Int i -> i.value();
            case Value.Real d when d.value() == Math.rint(d.value()) -> (long) d.value();
            default -> -1;
        };
        if (e < 0 || e > 16) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "fuzzy", "fuzzy max_edits must be an integer"
                    + " between 0 and 16, got " + v);
        }
        return (int) e;
    }

    private static String text(Value v) {
        return switch (v) {
            case Value.Text t -> t.value();
            default -> throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "search", "a search query must be"
                    + " a String, got " + v);
        };
    }

    // =========================================================================================== rankings

    @Override
    public Ranking rank(RankExpr rank, RankInput input, OptionalLong limit) {
        return switch (rank) {
            case RankExpr.Nearest n -> nearest(n, input, limit);
            case RankExpr.Bm25 b -> bm25(b, input, limit);
            case RankExpr.Rrf f -> rrf(f, input, limit);
        };
    }

    @Override
    public double[] scores(RankExpr rank, RankInput input) {
        double[] out = new double[input.rowCount()];
        Arrays.fill(out, Double.NaN);
        Ranking r = rank(rank, input, OptionalLong.empty());
        for (int i = 0; i < r.positions().length; i++) {
            out[r.positions()[i]] = r.scores()[i];
        }
        return out;
    }

    /**
     * The ranked variable's entities (distinct table rows) among the input rows, and the way back from ranked entity
     * rows to input positions.
     */
    private sealed interface Candidates permits Entities, DistinctRows, AllRows {
        /** The distinct table rows, in first-seen order (materialised on demand for {@link AllRows}). */
        int[] rows();

        /** Positions of the ranked entity rows, in rank order and ascending per entity, at most {@code limit}. */
        Ranking positions(int[] ranked, double[] scores, long limit);

        static Candidates of(RankInput in, String var) {
            if (in.allRows(var)) {
                return new AllRows(in, var);
            }
            if (in.distinct(var)) {
                int[] bound = in.rows(var);
                return new DistinctRows(bound.length == in.rowCount() ? bound : Arrays.copyOf(bound, in.rowCount()),
                        in.table(var).rowCount());
            }
            return Entities.of(in, var);
        }
    }

    /** Every row of the table, position = row ({@link RankInput#allRows}). */
    private record AllRows(RankInput in, String var) implements Candidates {
        @Override
        public int[] rows() {
            return in.rows(var);
        }

        @Override
        public Ranking positions(int[] ranked, double[] scores, long limit) {
            int n = (int) Math.min(ranked.length, limit);
            return new Ranking(Arrays.copyOf(ranked, n), Arrays.copyOf(scores, n));
        }
    }

    /** Each input position binds a different row ({@link RankInput#distinct}): position = index in {@code rows}. */
    private record DistinctRows(int[] rows, int tableRows) implements Candidates {
        @Override
        public Ranking positions(int[] ranked, double[] scores, long limit) {
            int n = (int) Math.min(ranked.length, limit);
            int[] pos = new int[n];
            if (n > 0) {
                // every ranked row is one of the candidates, so only their entries of the map are ever read
                int[] posOf = new int[tableRows];
                for (int p = 0; p < rows.length; p++) {
                    posOf[rows[p]] = p;
                }
                for (int i = 0; i < n; i++) {
                    pos[i] = posOf[ranked[i]];
                }
            }
            return new Ranking(pos, Arrays.copyOf(scores, n));
        }
    }

    /** The input positions grouped by the table row of {@code var}: distinct rows in first-seen order. */
    private record Entities(int[] rows, int[] head, int[] next) implements Candidates {
        static Entities of(RankInput in, String var) {
            int n = in.rowCount();
            TableData t = in.table(var);
            int[] head = new int[t.rowCount()];
            Arrays.fill(head, -1);
            int[] next = new int[n];
            int[] tail = new int[t.rowCount()];
            int[] rows = new int[16];
            int k = 0;
            int[] bound = in.rows(var);
            for (int pos = 0; pos < n; pos++) {
                int r = bound[pos];
                next[pos] = -1;
                if (head[r] < 0) {
                    head[r] = pos;
                    if (k == rows.length) {
                        rows = Arrays.copyOf(rows, k * 2);
                    }
                    rows[k++] = r;
                } else {
                    next[tail[r]] = pos;
                }
                tail[r] = pos;
            }
            return new Entities(Arrays.copyOf(rows, k), head, next);
        }

        @Override
        public Ranking positions(int[] ranked, double[] scores, long limit) {
            int[] pos = new int[16];
            double[] sc = new double[16];
            int k = 0;
            outer:
            for (int i = 0; i < ranked.length; i++) {
                for (int p = head[ranked[i]]; p >= 0; p = next[p]) {
                    if (k >= limit) {
                        break outer;
                    }
                    if (k == pos.length) {
                        pos = Arrays.copyOf(pos, k * 2);
                        sc = Arrays.copyOf(sc, k * 2);
                    }
                    pos[k] = p;
                    sc[k++] = scores[i];
                }
            }
            return new Ranking(Arrays.copyOf(pos, k), Arrays.copyOf(sc, k));
        }
    }

    /** Sorts candidate rows by score (ascending or descending), ties by entity id, keeping at most {@code k}. */
    static int[] sortRows(int[] rows, double[] score, boolean ascending, StringColumn ids, long k) {
        IntComparator cmp = (a, b) -> {
            int c = ascending ? Double.compare(score[a], score[b]) : Double.compare(score[b], score[a]);
            return c != 0 ? c : ids.getString(rows[a]).compareTo(ids.getString(rows[b]));
        };
        int n = (int) Math.min(rows.length, k);
        if (n < rows.length / 4) {
            // bounded max-heap (worst kept candidate on top) of candidate indexes: O(m log n), no boxing
            int[] heap = new int[Math.max(1, n)];
            int size = 0;
            for (int i = 0; i < rows.length && n > 0; i++) {
                if (size < n) {
                    heap[size] = i;
                    siftUp(heap, size++, cmp);
                } else if (cmp.compare(i, heap[0]) < 0) {
                    heap[0] = i;
                    siftDown(heap, size, cmp);
                }
            }
            int[] out = new int[size];
            for (int i = size - 1; i >= 0; i--) {
                out[i] = heap[0];
                heap[0] = heap[i];
                siftDown(heap, i, cmp);
            }
            return out;
        }
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, cmp::compare);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }

    @FunctionalInterface
    private interface IntComparator {
        int compare(int a, int b);
    }

    private static void siftUp(int[] h, int i, IntComparator cmp) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (cmp.compare(h[i], h[parent]) <= 0) {
                return;
            }
            int t = h[i];
            h[i] = h[parent];
            h[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] h, int size, IntComparator cmp) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l + 1 < size && cmp.compare(h[l + 1], h[l]) > 0 ? l + 1 : l;
            if (cmp.compare(h[worst], h[i]) <= 0) {
                return;
            }
            int t = h[i];
            h[i] = h[worst];
            h[worst] = t;
            i = worst;
        }
    }

    // ------------------------------------------------------------------------------------------------ nearest

    private Ranking nearest(RankExpr.Nearest n, RankInput in, OptionalLong limit) {
        String var = n.var();
        EntityType type = in.type(var);
        GraphSource g = in.graph();
        PropertyDef p = n.target().property();
        VectorColumn col = (VectorColumn) g.column(type, p);
        float[] q = queryVector(n, in, col.dim());
        Candidates ents = Candidates.of(in, var);
        long k = limit.orElse(Long.MAX_VALUE);
        int tableRows = g.table(type).rowCount();
        // every row with a vector: no candidate array is built (the HNSW path never needs one)
        boolean all = ents instanceof AllRows && !col.hasNulls();
        int[] cand = all ? null : nonNull(ents.rows(), col);
        int candCount = all ? tableRows : cand.length;
        if (k == 0 || candCount == 0) {
            return new Ranking(new int[0], new double[0]);
        }
        int[] chosen = null;
        if (candCount > EXACT_MAX && k < candCount) {
            Optional<SearchIndexes.VectorView> view = SearchIndexes.vector(g, type, p, in.indexMode());
            if (view.isPresent()) {
                int kk = (int) Math.min(k, Integer.MAX_VALUE - 1);
                chosen = all ? Hnsw.searchAll(view.get(), col, q, kk, EF) : Hnsw.search(view.get(), col, q, cand, kk, EF, tableRows);
            }
        }
        float[] raw = col.rawValues();
        int d = col.dim();
        if (chosen == null) {
            if (cand == null) {
                cand = ents.rows();
            }
            chosen = k < cand.length / 4 ? shortlist(cand, q, raw, d, (int) k) : cand;
        }
        double[] dist = new double[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            dist[i] = Math.sqrt(L2.squared(q, raw, chosen[i] * d));
        }
        int[] order = sortRows(chosen, dist, true, g.table(type).ids(), k);
        int[] rows = new int[order.length];
        double[] scores = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            rows[i] = chosen[order[i]];
            scores[i] = dist[order[i]];
        }
        return ents.positions(rows, scores, k);
    }

    /**
     * Exact brute force, fast: float distances (SIMD through Lucene when available) for every candidate, then only the
     * candidates within a relative margin of the k-th smallest float distance are kept for the exact double-precision
     * re-rank. The float error of a squared distance (any summation order) is far below the 1e-3 margin, so every row
     * of the exact top k (ties included) is kept.
     */
    static int[] shortlist(int[] cand, float[] q, float[] raw, int d, int k) {
        float[] f = new float[cand.length];
        float[] heap = new float[k]; // max-heap of the k smallest
        float[] scratch = new float[d];
        int size = 0;
        for (int i = 0; i < cand.length; i++) {
            float x = L2.squaredFast(q, raw, cand[i] * d, scratch);
            f[i] = x;
            if (size < k) {
                int j = size++;
                heap[j] = x;
                while (j > 0 && heap[(j - 1) >>> 1] < heap[j]) {
                    int p = (j - 1) >>> 1;
                    float t = heap[p];
                    heap[p] = heap[j];
                    heap[j] = t;
                    j = p;
                }
            } else if (x < heap[0]) {
                heap[0] = x;
                int j = 0;
                while (true) {
                    int l = 2 * j + 1;
                    if (l >= size) {
                        break;
                    }
                    int w = l + 1 < size && heap[l + 1] > heap[l] ? l + 1 : l;
                    if (heap[w] <= heap[j]) {
                        break;
                    }
                    float t = heap[w];
                    heap[w] = heap[j];
                    heap[j] = t;
                    j = w;
                }
            }
        }
        float limit = size == 0 ? Float.POSITIVE_INFINITY : heap[0] * 1.001f + Float.MIN_NORMAL;
        int m = 0;
        int[] out = new int[Math.max(16, 2 * k)];
        for (int i = 0; i < cand.length; i++) {
            if (f[i] <= limit) {
                if (m == out.length) {
                    out = Arrays.copyOf(out, m * 2);
                }
                out[m++] = cand[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static int[] nonNull(int[] rows, VectorColumn col) {
        if (!col.hasNulls()) {
            return rows;
        }
        return Arrays.stream(rows).filter(r -> !col.isNull(r)).toArray();
    }

    private static float[] queryVector(RankExpr.Nearest n, RankInput in, int dim) {
        Value v = constant(n.query(), in);
        if (v.isNull()) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "the nearest() query of $"
                    + n.var() + "." + n.target().property().name() + " is NULL; pass a vector or a text");
        }
        if (v instanceof Value.Text t) {
            Embedder e = in.graph().embedder().orElseThrow(() -> new EngineException.Invalid(
                    EngineErrorCode.EMBEDDING_NOT_CONFIGURED, "nearest", "nearest($" + n.var() + "."
                    + n.target().property().name() + ", <text>) needs an embedding provider to embed the text, and this "
                    + "graph has none; bind one (graphs.<id>.embedding_provider in cluster.yaml, Graph.withEmbedder, or "
                    + "OMNIGRAPH_EMBEDDINGS_MOCK=1 for offline mock vectors) or pass a Vector(" + dim + ") parameter"));
            if (n.embedModel().isPresent() && !n.embedModel().get().equals(e.model())) {
                throw new EngineException.Invalid(EngineErrorCode.EMBEDDING_MODEL_MISMATCH, "nearest", "property "
                        + n.target().property().name() + " was embedded with model '" + n.embedModel().get()
                        + "' (@embed model=…), but the graph's embedding provider uses '" + e.model() + "'; configure the "
                        + "provider with that model, or pass a vector");
            }
            return QUERY_EMBEDDINGS.get(e, t.value(), dim);
        }
        if (v instanceof Value.Vector vec) {
            if (vec.dimension() != dim) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "the nearest() query has "
                        + vec.dimension() + " elements, the property is Vector(" + dim + ")");
            }
            float[] q = vec.values();
            for (int i = 0; i < dim; i++) {
                if (!Float.isFinite(q[i])) {
                    throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "element " + i
                            + " of the nearest() query is not finite");
                }
            }
            return q;
        }
        if (!(v instanceof Value.Array a)) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "the nearest() query must be a "
                    + "Vector(" + dim + ") or a String, got " + v);
        }
        if (a.items().size() != dim) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "the nearest() query has "
                    + a.items().size() + " elements, the property is Vector(" + dim + ")");
        }
        float[] q = new float[dim];
        for (int i = 0; i < dim; i++) {
            Value x = a.items().get(i);
            double d = switch (x) {
                case Value.Real r -> r.value();
                case Value.Int iv -> iv.value();
                default -> throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "element " + i
                        + " of the nearest() query is not a number: " + x);
            };
            q[i] = (float) d;
            if (!Float.isFinite(q[i])) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "nearest", "element " + i
                        + " of the nearest() query is not finite");
            }
        }
        return q;
    }

    private static Value constant(TypedExpr e, RankInput in) {
        return switch (e) {
            case TypedExpr.Literal l -> l.value();
            case TypedExpr.ParamRef p -> in.param(p.name());
            default -> throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "search", "a search query must be"
                    + " a literal or a parameter, got " + e);
        };
    }

    // ------------------------------------------------------------------------------------------------ bm25

    private Ranking bm25(RankExpr.Bm25 b, RankInput in, OptionalLong limit) {
        String var = b.var();
        EntityType type = in.type(var);
        GraphSource g = in.graph();
        PropertyDef p = b.field().property();
        Value qv = constant(b.query(), in);
        Candidates ents = Candidates.of(in, var);
        if (qv.isNull() || ents.rows().length == 0) {
            return new Ranking(new int[0], new double[0]);
        }
        List<String> terms = TextAnalysis.distinctTokens(text(qv));
        if (terms.isEmpty()) {
            return new Ranking(new int[0], new double[0]);
        }
        StringColumn col = (StringColumn) g.column(type, p);
        int[] cand = ents.rows();
        int nc = cand.length;
        // candidate index per table row (every row is candidate number row when the input is all rows)
        int[] slot = null;
        if (!(ents instanceof AllRows)) {
            slot = new int[g.table(type).rowCount()];
            Arrays.fill(slot, -1);
            for (int i = 0; i < nc; i++) {
                slot[cand[i]] = i;
            }
        }
        // sparse term frequencies: per query term, the candidates containing it and how often
        int nt = terms.size();
        TextIndex.IntList[] hitSlot = new TextIndex.IntList[nt];
        TextIndex.IntList[] hitFreq = new TextIndex.IntList[nt];
        for (int t = 0; t < nt; t++) {
            hitSlot[t] = new TextIndex.IntList();
            hitFreq[t] = new TextIndex.IntList();
        }
        int[] len = new int[nc];
        TextIndex.IntList scanned = new TextIndex.IntList();
        Optional<SearchIndexes.TextView> view = SearchIndexes.text(g, type, p, in.indexMode());
        if (view.isPresent()) {
            TextIndex idx = view.get().index();
            Coverage cov = view.get().coverage();
            int[] rowToOrd = cov.rowToOrd();
            for (int i = 0; i < nc; i++) {
                int ord = rowToOrd[cand[i]];
                if (ord >= 0) {
                    len[i] = idx.lengths[ord];
                } else {
                    scanned.add(i);
                }
            }
            for (int t = 0; t < nt; t++) {
                int term = idx.term(terms.get(t));
                if (term < 0) {
                    continue;
                }
                hitSlot[t].ensure(idx.offsets[term + 1] - idx.offsets[term]);
                hitFreq[t].ensure(idx.offsets[term + 1] - idx.offsets[term]);
                for (int j = idx.offsets[term]; j < idx.offsets[term + 1]; j++) {
                    int ord = idx.postings[j];
                    if (cov.valid().get(ord)) {
                        int sl = slot == null ? cov.navRow()[ord] : slot[cov.navRow()[ord]];
                        if (sl >= 0) {
                            hitSlot[t].add(sl);
                            hitFreq[t].add(idx.freqs[j]);
                        }
                    }
                }
            }
        } else {
            for (int i = 0; i < nc; i++) {
                scanned.add(i);
            }
        }
        Map<String, Integer> termIndex = new HashMap<>();
        for (int t = 0; t < nt; t++) {
            termIndex.put(terms.get(t), t);
        }
        int[] counts = new int[nt];
        for (int x = 0; x < scanned.n; x++) {
            int i = scanned.a[x];
            if (col.isNull(cand[i])) {
                continue;
            }
            List<String> toks = TextAnalysis.tokens(col.getString(cand[i]));
            len[i] = toks.size();
            Arrays.fill(counts, 0);
            for (String tok : toks) {
                Integer t = termIndex.get(tok);
                if (t != null) {
                    counts[t]++;
                }
            }
            for (int t = 0; t < nt; t++) {
                if (counts[t] > 0) {
                    hitSlot[t].add(i);
                    hitFreq[t].add(counts[t]);
                }
            }
        }
        long totalLen = 0;
        for (int l : len) {
            totalLen += l;
        }
        double avgdl = Math.max(1e-9, (double) totalLen / nc);
        double[] score = new double[nc];
        TextIndex.IntList matched = new TextIndex.IntList();
        for (int t = 0; t < nt; t++) {
            int df = hitSlot[t].n;
            if (df == 0) {
                continue;
            }
            double idf = Math.log(1 + (nc - df + 0.5) / (df + 0.5)); // always > 0
            for (int j = 0; j < df; j++) {
                int i = hitSlot[t].a[j];
                int f = hitFreq[t].a[j];
                if (score[i] == 0) {
                    matched.add(i);
                }
                score[i] += idf * (f * (K1 + 1)) / (f + K1 * (1 - B + B * len[i] / avgdl));
            }
        }
        int m = matched.n;
        int[] rows = new int[m];
        double[] sc = new double[m];
        for (int x = 0; x < m; x++) {
            rows[x] = cand[matched.a[x]];
            sc[x] = score[matched.a[x]];
        }
        long k = limit.orElse(Long.MAX_VALUE);
        int[] order = sortRows(rows, sc, false, g.table(type).ids(), k);
        int[] outRows = new int[order.length];
        double[] outScores = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            outRows[i] = rows[order[i]];
            outScores[i] = sc[order[i]];
        }
        return ents.positions(outRows, outScores, k);
    }

    // ------------------------------------------------------------------------------------------------ rrf

    private Ranking rrf(RankExpr.Rrf f, RankInput in, OptionalLong limit) {
        String var = f.var();
        RankExpr[] arms = {f.first(), f.second()};
        Ranking[] ranked = new Ranking[2];
        for (int a = 0; a < 2; a++) {
            OptionalLong armLimit = arms[a] instanceof RankExpr.Nearest ? limit : OptionalLong.empty();
            ranked[a] = rank(arms[a], in, armLimit);
        }
        // distinct entity ranks per arm, and each arm's rows per entity (in arm order)
        LinkedHashMap<Integer, Double> score = new LinkedHashMap<>();
        List<Map<Integer, List<Integer>>> rowsOf = new ArrayList<>();
        int[] bound = in.rows(var);
        for (int a = 0; a < 2; a++) {
            Map<Integer, List<Integer>> byEntity = new LinkedHashMap<>();
            for (int pos : ranked[a].positions()) {
                byEntity.computeIfAbsent(bound[pos], x -> new ArrayList<>()).add(pos);
            }
            rowsOf.add(byEntity);
            int r = 0;
            for (Integer entity : byEntity.keySet()) {
                score.merge(entity, 1.0 / (f.k() + r + 1), Double::sum);
                r++;
            }
        }
        List<Map.Entry<Integer, Double>> fused = new ArrayList<>(score.entrySet());
        fused.sort((x, y) -> Double.compare(y.getValue(), x.getValue())); // List.sort is stable
        long keep = limit.orElse(Long.MAX_VALUE);
        IntListD out = new IntListD();
        for (int i = 0; i < fused.size() && i < keep; i++) {
            Integer entity = fused.get(i).getKey();
            List<Integer> rows = rowsOf.get(0).containsKey(entity) ? rowsOf.get(0).get(entity) : rowsOf.get(1).get(entity);
            for (int pos : rows) {
                out.add(pos, fused.get(i).getValue());
            }
        }
        int n = (int) Math.min(out.n, keep);
        return new Ranking(Arrays.copyOf(out.pos, n), Arrays.copyOf(out.score, n));
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static final class IntListD {
        int[] pos = new int[16];
        double[] score = new double[16];
        int n;

        void add(int p, double s) {
            if (n == pos.length) {
                pos = Arrays.copyOf(pos, n * 2);
                score = Arrays.copyOf(score, n * 2);
            }
            pos[n] = p;
            score[n++] = s;
        }
    }
}
