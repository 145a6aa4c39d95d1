package io.omnigraph.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.maintenance.OptimizeResult;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indexed and exact execution agree, through {@link Graph#query}: on fixed (seeded) data the HNSW answer of
 * {@code nearest} has recall@10 ≥ 0.95 against brute force, text predicates and {@code bm25} are identical, and a
 * persisted index that has gone partial (rows added after optimize) and stale (rows changed or deleted) still gives
 * the exact answer for everything it does not cover.
 */
class IndexedSearchTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int DIM = 16;
    static final int ROWS = 5000; // above SearchRanker.EXACT_MAX, so INDEX mode really searches the HNSW graph
    static final String PG = """
            node Doc {
                slug: String @key
                title: String @index
                embedding: Vector(16)
            }
            """;
    static final String NEAREST = "query n($q: Vector(16)) { match { $d: Doc } return { $d.slug } "
            + "order { nearest($d.embedding, $q) } limit 10 }";
    static final String FILTERED = "query n($q: Vector(16), $w: String) { match { $d: Doc  search($d.title, $w) } "
            + "return { $d.slug } order { nearest($d.embedding, $q) } limit 10 }";
    static final String SEARCH = "query s($w: String) { match { $d: Doc  search($d.title, $w) } return { $d.slug } order { $d.slug } }";
    static final String BM25 = "query b($w: String) { match { $d: Doc } return { $d.slug } order { bm25($d.title, $w) } limit 20 }";
    static final String[] WORDS = {"graph", "vector", "search", "branch", "merge", "policy", "agent", "fleet", "schema",
            "query", "index", "segment", "commit", "snapshot", "cluster", "server", "token", "embedding", "ranking",
            "storage", "parquet", "lucene", "neighbour", "distance", "fusion", "review", "change", "history", "load",
            "compaction"};

    static String doc(Random rnd, String slug, float[] v) {
        ObjectNode data = JSON.createObjectNode();
        data.put("slug", slug);
        StringBuilder title = new StringBuilder();
        int words = 3 + rnd.nextInt(6);
        for (int w = 0; w < words; w++) {
            title.append(w == 0 ? "" : " ").append(WORDS[(int) Math.floor(Math.pow(rnd.nextDouble(), 2) * WORDS.length)]);
        }
        data.put("title", title.toString());
        ArrayNode arr = data.putArray("embedding");
        for (float x : v) {
            arr.add(x);
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "Doc");
        line.set("data", data);
        return line.toString();
    }

    static float[] vector(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static void load(Graph g, List<String> lines, LoadMode mode) {
        g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                "main", mode));
    }

    static List<String> slugs(Graph g, String q, JsonNode params, IndexMode mode) {
        QueryResult r = g.query(Optional.empty(), QueryRequest.of(q).withParams(params)
                .withOptions(ExecOptions.defaults().withIndexMode(mode)));
        List<String> out = new ArrayList<>();
        for (List<io.omnigraph.compiler.types.Value> row : r.rows()) {
            out.add(((io.omnigraph.compiler.types.Value.Text) row.get(0)).value());
        }
        return out;
    }

    static List<String> slugs(Graph g, String q, JsonNode params, IndexMode mode, List<String> trace) {
        QueryResult r = g.query(Optional.empty(), QueryRequest.of(q).withParams(params)
                .withOptions(ExecOptions.defaults().withIndexMode(mode).withTrace(trace::add)));
        List<String> out = new ArrayList<>();
        for (List<io.omnigraph.compiler.types.Value> row : r.rows()) {
            out.add(((io.omnigraph.compiler.types.Value.Text) row.get(0)).value());
        }
        return out;
    }

    static JsonNode vec(float[] q) {
        ObjectNode p = JSON.createObjectNode();
        ArrayNode a = p.putArray("q");
        for (float x : q) {
            a.add(x);
        }
        return p;
    }

    static JsonNode word(String w) {
        return JSON.createObjectNode().put("w", w);
    }

    /** Ranked queries over one node binding; the binding is written {@code $d: Doc<shape>}. */
    static final String[] RANKED = {
            "query n($q: Vector(16), $w: String) { match { $d: Doc } return { $d.slug, nearest($d.embedding, $q) as s } "
                    + "order { nearest($d.embedding, $q) } limit 10 }",
            "query n($q: Vector(16), $w: String) { match { $d: Doc  search($d.title, $w) } return { $d.slug, "
                    + "nearest($d.embedding, $q) as s } order { nearest($d.embedding, $q) } limit 10 }",
            "query n($q: Vector(16), $w: String) { match { $d: Doc  $d.title != $w } return { $d.slug } "
                    + "order { nearest($d.embedding, $q) } limit 7 }",
            "query b($q: Vector(16), $w: String) { match { $d: Doc } return { $d.slug, bm25($d.title, $w) as s } "
                    + "order { bm25($d.title, $w) } limit 20 }",
            "query b($q: Vector(16), $w: String) { match { $d: Doc  search($d.title, \"graph\") } return { $d.slug, "
                    + "bm25($d.title, $w) as s } order { bm25($d.title, $w) } limit 20 }",
            "query h($q: Vector(16), $w: String) { match { $d: Doc } return { $d.slug, rrf(nearest($d.embedding, $q), "
                    + "bm25($d.title, $w)) as s } order { rrf(nearest($d.embedding, $q), bm25($d.title, $w)) } limit 10 }",
            "query h($q: Vector(16), $w: String) { match { $d: Doc } return { $d.slug, bm25($d.title, $w) as t } "
                    + "order { nearest($d.embedding, $q) } limit 10 }",
    };
    /**
     * The same match written three ways: as is (an unfiltered binding takes the executor's rank-first path, a filtered
     * one its distinct-rows path), with a filter every row passes (distinct-rows path), and with a negation no row
     * triggers (the general path: materialise the match, group by entity, then rank).
     */
    static final String[] SHAPES = {"", "  $d.slug != \"~none~\"", "  not { $d.slug = \"~none~\" }"};

    static List<List<io.omnigraph.compiler.types.Value>> rows(Graph g, String q, JsonNode params, IndexMode mode) {
        return g.query(Optional.empty(), QueryRequest.of(q).withParams(params)
                .withOptions(ExecOptions.defaults().withIndexMode(mode))).rows();
    }

    /**
     * Every ranked query gives identical rows (order, scores) whichever way its match is written, in every index mode:
     * the rank-first and distinct-rows paths are differential-tested against the general path.
     */
    static void shapesAgree(Graph g, Random rnd, int queries) {
        for (int i = 0; i < queries; i++) {
            ObjectNode p = (ObjectNode) vec(vector(rnd));
            p.put("w", WORDS[rnd.nextInt(WORDS.length)] + (i % 3 == 0 ? " " + WORDS[rnd.nextInt(WORDS.length)] : ""));
            for (IndexMode mode : IndexMode.values()) {
                for (String q : RANKED) {
                    List<List<io.omnigraph.compiler.types.Value>> general = rows(g, q.replace("$d: Doc", "$d: Doc" + SHAPES[2]), p, mode);
                    assertThat(general).as(q).isNotEmpty();
                    for (int sh = 0; sh < 2; sh++) {
                        assertThat(rows(g, q.replace("$d: Doc", "$d: Doc" + SHAPES[sh]), p, mode)).as(mode + " shape " + sh + ": " + q)
                                .isEqualTo(general);
                    }
                }
            }
        }
    }

    /** Mean recall@10 of INDEX against SCAN over seeded queries; also checks text search and bm25 are identical. */
    static double agreement(Graph g, Random rnd, int queries) {
        double recall = 0;
        for (int i = 0; i < queries; i++) {
            JsonNode q = vec(vector(rnd));
            List<String> exact = slugs(g, NEAREST, q, IndexMode.SCAN);
            List<String> indexed = slugs(g, NEAREST, q, IndexMode.INDEX);
            assertThat(exact).hasSize(10);
            assertThat(indexed).hasSize(10).doesNotHaveDuplicates();
            Set<String> overlap = new HashSet<>(exact);
            overlap.retainAll(indexed);
            recall += overlap.size() / 10.0;
            // filtered nearest: the filter makes the graph search filtered (or brute force), same answer either way
            ObjectNode fq = (ObjectNode) q.deepCopy();
            fq.put("w", WORDS[i % WORDS.length]);
            List<String> fExact = slugs(g, FILTERED, fq, IndexMode.SCAN);
            Set<String> fOverlap = new HashSet<>(fExact);
            fOverlap.retainAll(slugs(g, FILTERED, fq, IndexMode.INDEX));
            assertThat(fOverlap.size()).isGreaterThanOrEqualTo(Math.min(8, fExact.size()));
        }
        for (String w : List.of("graph", "compaction", "lucene fusion", "nothing-matches-this")) {
            assertThat(slugs(g, SEARCH, word(w), IndexMode.INDEX)).isEqualTo(slugs(g, SEARCH, word(w), IndexMode.SCAN));
            assertThat(slugs(g, BM25, word(w), IndexMode.INDEX)).isEqualTo(slugs(g, BM25, word(w), IndexMode.SCAN));
        }
        return recall / queries;
    }

    @Test
    void inMemoryIndexesAgreeWithExactExecution() {
        Random rnd = new Random(42);
        Graph g = OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            lines.add(doc(rnd, "d" + i, vector(rnd)));
        }
        load(g, lines, LoadMode.OVERWRITE);
        long answered = Hnsw.ANSWERED.get();
        double recall = agreement(g, new Random(7), 15);
        assertThat(Hnsw.ANSWERED.get() - answered).as("INDEX mode searched the HNSW graph").isGreaterThanOrEqualTo(15);
        System.out.printf("[search] in-memory HNSW recall@10 vs exact over 15 queries, %d x %d-d: %.3f%n", ROWS, DIM, recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        shapesAgree(g, new Random(17), 4);
    }

    /**
     * A score projection of a ranking other than the order's ({@code bm25 as t} under {@code order { nearest }}) is
     * scored with the statistics of the query's candidates, not of the rows the order kept: each returned row's BM25
     * equals the score the same row gets when no ranking cuts the candidates. Every execution path, every index mode.
     */
    @Test
    void anOffOrderScoreProjectionUsesTheCandidatesStatistics() {
        Random rnd = new Random(48);
        Graph g = OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            lines.add(doc(rnd, "d" + i, vector(rnd)));
        }
        load(g, lines, LoadMode.OVERWRITE);
        String all = "query a($w: String) { match { $d: Doc } return { $d.slug, bm25($d.title, $w) as t } order { $d.slug } }";
        String cut = "query h($q: Vector(16), $w: String) { match { $d: Doc } return { $d.slug, bm25($d.title, $w) as t } "
                + "order { nearest($d.embedding, $q) } limit 10 }";
        for (int i = 0; i < 4; i++) {
            ObjectNode p = (ObjectNode) vec(vector(rnd));
            p.put("w", WORDS[i] + " " + WORDS[i + 5]);
            java.util.Map<String, io.omnigraph.compiler.types.Value> truth = new java.util.HashMap<>();
            for (List<io.omnigraph.compiler.types.Value> row : rows(g, all, p, IndexMode.SCAN)) {
                truth.put(((io.omnigraph.compiler.types.Value.Text) row.get(0)).value(), row.get(1));
            }
            int scored = 0;
            for (IndexMode mode : IndexMode.values()) {
                for (String shape : SHAPES) {
                    List<List<io.omnigraph.compiler.types.Value>> got = rows(g, cut.replace("$d: Doc", "$d: Doc" + shape), p, mode);
                    assertThat(got).hasSize(10);
                    for (List<io.omnigraph.compiler.types.Value> row : got) {
                        String slug = ((io.omnigraph.compiler.types.Value.Text) row.get(0)).value();
                        assertThat(row.get(1)).as("%s %s shape '%s' row %s", mode, p.get("w"), shape, slug).isEqualTo(truth.get(slug));
                        scored += row.get(1) instanceof io.omnigraph.compiler.types.Value.Real ? 1 : 0;
                    }
                }
            }
            assertThat(scored).as("some returned rows match the words, or this proves little").isPositive();
        }
    }

    /** An unfiltered ranked binding is ranked before anything is materialised: no scan operator, only the top rows. */
    @Test
    void anUnfilteredRankedBindingIsRankedBeforeTheMatchIsMaterialised() {
        Random rnd = new Random(46);
        Graph g = OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            lines.add(doc(rnd, "d" + i, vector(rnd)));
        }
        load(g, lines, LoadMode.OVERWRITE);
        JsonNode q = vec(vector(rnd));
        for (IndexMode mode : IndexMode.values()) {
            List<String> trace = new ArrayList<>();
            List<String> top = slugs(g, NEAREST, q, mode, trace);
            assertThat(top).hasSize(10);
            assertThat(trace).as(mode.toString()).anySatisfy(l -> assertThat(l).startsWith("rank $d: Doc (all " + ROWS + " rows")
                    .containsPattern(" 10 rows "));
            assertThat(trace).as(mode.toString()).noneMatch(l -> l.startsWith("scan $d"));
            // with a filter the match runs first (and the ranker sees only the rows that pass)
            List<String> filtered = new ArrayList<>();
            slugs(g, NEAREST.replace("$d: Doc", "$d: Doc  $d.slug != \"d1\""), q, mode, filtered);
            assertThat(filtered).as(mode.toString()).anyMatch(l -> l.startsWith("scan $d"))
                    .noneMatch(l -> l.startsWith("rank $d"));
        }
        // the resource limit still sees the whole binding
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> g.query(Optional.empty(), QueryRequest.of(NEAREST)
                .withParams(q).withOptions(ExecOptions.defaults().withMaxRows(ROWS - 1)))))
                .isInstanceOf(io.omnigraph.engine.error.EngineException.ResourceLimit.class);
    }

    @Test
    void persistedIndexesStayCorrectWhenPartialAndStale() {
        Random rnd = new Random(43);
        InMemoryObjectStore store = new InMemoryObjectStore();
        Graph g = OmniGraph.init(store, PG, InitOptions.defaults());
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            (i < ROWS / 2 ? first : second).add(doc(rnd, "d" + i, vector(rnd)));
        }
        load(g, first, LoadMode.OVERWRITE);
        load(g, second, LoadMode.APPEND);
        OptimizeResult opt = Maintenance.optimize(g, Optional.of("ops"), SearchIndexHook.INSTANCE);
        assertThat(opt.tablesCompacted()).isEqualTo(1);
        assertThat(opt.datasets()).allSatisfy(d -> assertThat(d.pendingIndexes()).isEmpty());
        List<String> files = store.list(IndexFiles.PREFIX).stream().map(ObjectInfo::key).toList();
        assertThat(files).hasSize(2).anyMatch(k -> k.endsWith(".hnsw")).anyMatch(k -> k.endsWith(".text"));
        // optimize again: nothing to compact, and the indexes of this exact state exist already
        Maintenance.optimize(g, Optional.empty(), SearchIndexHook.INSTANCE);
        assertThat(store.list(IndexFiles.PREFIX)).hasSize(2);

        // after optimize: planted rows the index does not know (new), rows whose vector moved (stale), deleted rows
        float[] target = vector(new Random(99));
        JsonNode q = vec(target);
        List<String> before = slugs(g, NEAREST, q, IndexMode.SCAN);
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // new rows right next to the target
            changes.add(doc(rnd, "new" + i, jitter(target, rnd, 0.001f * (i + 1))));
        }
        for (int i = 0; i < 5; i++) { // existing far rows moved next to the target (stale index entries)
            changes.add(doc(rnd, "d" + (100 + i), jitter(target, rnd, 0.0015f * (i + 1))));
        }
        for (int i = 0; i < 300; i++) { // more unindexed rows elsewhere
            changes.add(doc(rnd, "extra" + i, vector(rnd)));
        }
        load(g, changes, LoadMode.MERGE);
        for (String gone : before.subList(0, 3)) {
            g.mutate(Optional.empty(), MutationRequest.of("query del($s: String) { delete Doc where slug = $s }", "main")
                    .withParams(JSON.createObjectNode().put("s", gone)));
        }

        // a fresh handle: nothing cached, the persisted index is found and serves the rows it still covers
        try (Graph fresh = OmniGraph.open(store, OpenOptions.defaults())) {
            long loaded = IndexFiles.LOADED.get();
            long answered = Hnsw.ANSWERED.get();
            for (IndexMode mode : IndexMode.values()) {
                List<String> top = slugs(fresh, NEAREST, q, mode);
                assertThat(top.subList(0, 10)).as(mode.toString()).containsExactlyInAnyOrder(
                        "new0", "d100", "new1", "d101", "new2", "d102", "new3", "d103", "new4", "d104");
                assertThat(top).as(mode.toString()).doesNotContainAnyElementsOf(before.subList(0, 3));
            }
            assertThat(IndexFiles.LOADED.get() - loaded).as("the persisted HNSW index was used").isGreaterThanOrEqualTo(1);
            assertThat(Hnsw.ANSWERED.get() - answered).isGreaterThanOrEqualTo(1);
            assertThat(slugs(fresh, SEARCH, word("parquet"), IndexMode.INDEX)).isEqualTo(slugs(fresh, SEARCH, word("parquet"), IndexMode.SCAN));
            assertThat(IndexFiles.LOADED.get() - loaded).as("the persisted text index was used").isGreaterThanOrEqualTo(2);
            double recall = agreement(fresh, new Random(8), 12);
            System.out.printf("[search] persisted (partial + stale) HNSW recall@10 vs exact over 12 queries: %.3f%n", recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
            // rank-first vs general path where the top k is made of new, moved and (excluded) deleted rows
            for (IndexMode mode : IndexMode.values()) {
                ObjectNode p = (ObjectNode) q.deepCopy();
                p.put("w", "graph");
                for (String rq : RANKED) {
                    List<List<io.omnigraph.compiler.types.Value>> general = rows(fresh, rq.replace("$d: Doc", "$d: Doc" + SHAPES[2]), p, mode);
                    assertThat(rows(fresh, rq, p, mode)).as(mode + ": " + rq).isEqualTo(general);
                    assertThat(rows(fresh, rq.replace("$d: Doc", "$d: Doc" + SHAPES[1]), p, mode)).as(mode + ": " + rq).isEqualTo(general);
                }
            }
            shapesAgree(fresh, new Random(18), 3);
        }
    }

    @Test
    void aCorruptPersistedIndexIsIgnored() {
        Random rnd = new Random(44);
        InMemoryObjectStore store = new InMemoryObjectStore();
        Graph g = OmniGraph.init(store, PG, InitOptions.defaults());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            lines.add(doc(rnd, "d" + i, vector(rnd)));
        }
        load(g, lines.subList(0, 10), LoadMode.OVERWRITE);
        load(g, lines.subList(10, ROWS), LoadMode.APPEND);
        Maintenance.optimize(g, Optional.empty(), SearchIndexHook.INSTANCE);
        for (ObjectInfo o : store.list(IndexFiles.PREFIX)) {
            byte[] bytes = store.get(o.key()).orElseThrow().bytes();
            bytes[bytes.length / 2] ^= 0x5a; // flip bits in the middle: the checksum no longer matches
            store.put(o.key(), bytes);
        }
        try (Graph fresh = OmniGraph.open(store, OpenOptions.defaults())) {
            long loaded = IndexFiles.LOADED.get();
            JsonNode q = vec(vector(new Random(5)));
            assertThat(slugs(fresh, NEAREST, q, IndexMode.INDEX)).hasSize(10);
            assertThat(slugs(fresh, SEARCH, word("graph"), IndexMode.INDEX)).isEqualTo(slugs(fresh, SEARCH, word("graph"), IndexMode.SCAN));
            assertThat(agreement(fresh, new Random(9), 5)).isGreaterThanOrEqualTo(0.9);
            assertThat(IndexFiles.LOADED.get()).as("corrupt files are never decoded").isEqualTo(loaded);
        }
    }

    static float[] jitter(float[] v, Random rnd, float eps) {
        float[] out = v.clone();
        out[rnd.nextInt(DIM)] += eps;
        return out;
    }

    /** Exact execution (SCAN) equals a naive sort by double-precision L2 then id, with many exact distance ties. */
    @Test
    void exactNearestIsANaiveSortIncludingTies() {
        Random rnd = new Random(45);
        float[][] pool = new float[40][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = vector(rnd);
        }
        Graph g = OmniGraph.init(new InMemoryObjectStore(), PG, InitOptions.defaults());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(doc(rnd, "t" + i, pool[rnd.nextInt(pool.length)]));
        }
        load(g, lines, LoadMode.OVERWRITE);
        QueryResult all = g.query(Optional.empty(), QueryRequest.of("query a() { match { $d: Doc } return { $d, $d.embedding } }"));
        for (int qi = 0; qi < 5; qi++) {
            float[] q = qi == 0 ? pool[3] : vector(rnd);
            record Cand(String id, double d) {
            }
            List<Cand> cands = new ArrayList<>();
            for (List<io.omnigraph.compiler.types.Value> row : all.rows()) {
                float[] v = ((io.omnigraph.compiler.types.Value.Vector) row.get(1)).values();
                double s = 0;
                for (int i = 0; i < DIM; i++) {
                    double d = (double) q[i] - v[i];
                    s += d * d;
                }
                cands.add(new Cand(((io.omnigraph.compiler.types.Value.Text) row.get(0)).value(), Math.sqrt(s)));
            }
            cands.sort(java.util.Comparator.comparingDouble(Cand::d).thenComparing(Cand::id));
            List<String> expected = cands.subList(0, 25).stream().map(Cand::id).toList();
            String byId = "query n($q: Vector(16)) { match { $d: Doc } return { $d } order { nearest($d.embedding, $q) } limit 25 }";
            assertThat(slugs(g, byId, vec(q), IndexMode.SCAN)).as("query " + qi).isEqualTo(expected);
        }
    }
}
