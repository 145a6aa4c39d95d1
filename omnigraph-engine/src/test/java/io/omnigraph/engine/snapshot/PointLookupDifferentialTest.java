package io.omnigraph.engine.snapshot;

import io.omnigraph.engine.diff.RowEquality;
import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.diff.TableReader;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of the point-lookup paths that use the segments' id filters — {@link TableMaterializer#lookup}
 * (integrity reference checks, key-conflict checks) and {@link TableReader} walks with {@link TableReader#prefetch}
 * (merge and diff row fetches) — against the full fold of the table, on random histories: upserts (small segments with
 * exact filters, larger ones with Bloom filters), deletes, deleted-then-reinserted ids, edges, merges between two
 * branches, and (for even seeds) a stretch of commits written without filters (the older format). Every state is also
 * re-checked with forced false positives (filters replaced by an all-ones Bloom filter) and with filters stripped.
 */
class PointLookupDifferentialTest {
    /** A Bloom filter with every bit set: "may contain" for every id (a forced false positive). */
    static final String ALL_ONES = "b3:" + Base64.getEncoder().withoutPadding().encodeToString(filled(16));

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xff);
        return b;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void lookupsAgreeWithTheFullFold(long seed) {
        Random rnd = new Random(seed);
        InMemoryObjectStore mem = new InMemoryObjectStore();
        MiniGraph m = new MiniGraph(mem, seed);
        m.branch("feature", "main");
        int[] partialLookups = {0};
        try {
            for (int step = 0; step < 48; step++) {
                if (seed % 2 == 0 && (step == 16 || step == 32)) {
                    m.close(); // the middle third of the history is written without id filters (older writer)
                    m = MiniGraph.open(mem, TestGraphs.deterministic(seed * 100 + step).withIdFilters(step == 32));
                }
                String branch = rnd.nextInt(4) == 0 ? "feature" : "main";
                switch (rnd.nextInt(10)) {
                    case 0, 1, 2, 3 -> m.upsertPeople(branch, people(rnd, 1 + rnd.nextInt(3)));
                    case 4 -> m.upsertPeople(branch, people(rnd, 9 + rnd.nextInt(25)));
                    case 5, 6 -> m.deletePeople(branch, names(rnd, 1 + rnd.nextInt(3)));
                    case 7 -> m.addEdge(branch, "e" + rnd.nextInt(20), name(rnd), name(rnd));
                    case 8 -> m.deleteEdges(branch, "e" + rnd.nextInt(20), "e" + rnd.nextInt(20));
                    default -> {
                        try {
                            if (rnd.nextBoolean()) {
                                m.merge("feature", "main");
                            } else {
                                m.merge("main", "feature");
                            }
                        } catch (EngineException e) {
                            // conflicting random edits: nothing merged
                        }
                    }
                }
                if (step % 2 == 0) {
                    continue; // check every other state (keeps the test fast; consecutive states share most segments)
                }
                for (String b : List.of("main", "feature")) {
                    Commit c = m.g.commit(m.head(b));
                    check(mem, c.tables().get("person"), TestGraphs.person(), ids(rnd, "p", 40), rnd, partialLookups);
                    check(mem, c.tables().get("knows"), TestGraphs.knows(), ids(rnd, "e", 20), rnd, partialLookups);
                }
            }
        } finally {
            m.close();
        }
        assertThat(partialLookups[0]).as("lookups that skipped segments by their filters").isGreaterThan(5);
    }

    private static void check(InMemoryObjectStore mem, TableState state, TableSchema schema, Set<String> ids, Random rnd,
                              int[] partialLookups) {
        TableData full = materializer(mem, new AtomicInteger()).load(schema, state);
        AtomicInteger fetches = new AtomicInteger();
        TableData part = materializer(mem, fetches).lookup(schema, state, ids);
        assertSame(ids, full, part, state);
        List<SegmentRef> relevant = TableMaterializer.relevantSegments(state.segments(), ids);
        if (relevant.size() < state.segments().size()) {
            partialLookups[0]++;
            assertThat(fetches.get()).as("reads only the segments whose filter may hold the ids").isEqualTo(relevant.size());
        }
        assertWalk(mem, schema, state, ids, full);

        // the same state with forced false positives and with filters stripped (commits of an older writer)
        List<SegmentRef> mangled = new ArrayList<>();
        for (SegmentRef r : state.segments()) {
            mangled.add(switch (rnd.nextInt(3)) {
                case 0 -> r.withoutFilter();
                case 1 -> new SegmentRef(r.id(), r.kind(), r.rows(), r.bytes(), Optional.of(ALL_ONES));
                default -> r;
            });
        }
        TableState forced = new TableState(state.typeName(), state.kind(), mangled, state.liveRows(), state.version(),
                state.liveRowsEstimated());
        assertSame(ids, full, materializer(mem, new AtomicInteger()).lookup(schema, forced, ids), forced);
        assertWalk(mem, schema, forced, ids, full);
    }

    private static void assertWalk(InMemoryObjectStore mem, TableSchema schema, TableState state, Set<String> ids, TableData full) {
        TableReader reader = new TableReader(materializer(mem, new AtomicInteger()), schema);
        TableReader.StateView view = reader.view(state.segments());
        reader.prefetch(List.of(view), ids);
        for (String id : ids) {
            RowRef got = view.findOrNull(id);
            int r = full.rowOf(id);
            assertThat(got == null).as("walk presence of %s in %s", id, state.segments()).isEqualTo(r < 0);
            if (got != null) {
                assertThat(RowEquality.equal(got.data(), got.row(), full, r)).as("walk row of %s", id).isTrue();
            }
        }
        // ids not prefetched are still answered right (walked on demand)
        for (String id : List.of("p7", "e3", "zz")) {
            RowRef got = view.findOrNull(id);
            assertThat(got == null).isEqualTo(full.rowOf(id) < 0);
        }
    }

    private static void assertSame(Set<String> ids, TableData full, TableData part, TableState state) {
        for (String id : ids) {
            int f = full.rowOf(id);
            int p = part.rowOf(id);
            assertThat(p >= 0).as("presence of %s in %s", id, state.segments()).isEqualTo(f >= 0);
            if (f >= 0) {
                assertThat(RowEquality.equal(full, f, part, p)).as("row of %s", id).isTrue();
            }
        }
    }

    static TableMaterializer materializer(InMemoryObjectStore mem, AtomicInteger fetches) {
        SegmentSource source = (table, id) -> {
            fetches.incrementAndGet();
            return mem.get(Layout.segment(table, id)).orElseThrow().bytes();
        };
        return new TableMaterializer(source, new DataCache(64L << 20), SegmentCodec.standard(), Runnable::run);
    }

    private static String name(Random rnd) {
        return "p" + rnd.nextInt(40);
    }

    private static String[] names(Random rnd, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = name(rnd);
        }
        return out;
    }

    private static Object[] people(Random rnd, int n) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(List.of(names(rnd, n)));
        Object[] out = new Object[distinct.size() * 2];
        int i = 0;
        for (String s : distinct) {
            out[i++] = s;
            out[i++] = rnd.nextInt(5) == 0 ? null : rnd.nextInt(100);
        }
        return out;
    }

    private static Set<String> ids(Random rnd, String prefix, int pool) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            all.add(prefix + i);
        }
        Collections.shuffle(all, rnd);
        Set<String> out = new LinkedHashSet<>(all.subList(0, 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? pool : 5)));
        if (rnd.nextBoolean()) {
            out.add(prefix + "-absent");
        }
        return out;
    }
}
