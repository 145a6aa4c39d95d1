package io.omnigraph.engine.index;

import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology index (CSR/CSC) and the scalar hash / sorted indexes on small hand-made tables. */
class IndexesTest {

    static TableData nodes(String... ids) {
        TableDataBuilder b = new TableDataBuilder(TableSchema.node("n", "N", List.of()));
        for (String id : ids) {
            b.appendRow(id);
        }
        return b.build();
    }

    static TableData edges(String... srcDst) {
        TableDataBuilder b = new TableDataBuilder(TableSchema.edge("e", "E", List.of()));
        for (int i = 0; i < srcDst.length; i += 2) {
            b.appendRow("e" + i, srcDst[i], srcDst[i + 1]);
        }
        return b.build();
    }

    @Test
    void topologyHasSortedListsDistinctViewsSelfLoopsAndSkipsDanglingEdges() {
        TableData n = nodes("a", "b", "c");
        // rows: e0 a->c, e2 a->b, e4 a->c (parallel), e6 b->b (self-loop), e8 c->ghost (dangling), e10 c->a
        TableData e = edges("a", "c", "a", "b", "a", "c", "b", "b", "c", "ghost", "c", "a");
        TopologyIndex t = TopologyIndex.build(e, n, n);
        assertThat(t.edgeCount()).isEqualTo(5);
        assertThat(t.danglingEdges()).isEqualTo(1);
        TopologyIndex.Adjacency out = t.out();
        // a (row 0): neighbours sorted by row: b(1), c(2), c(2); edges in row order within equal neighbours
        assertThat(slice(out.neighbours(), out.offsets(), 0)).containsExactly(1, 2, 2);
        assertThat(slice(out.edges(), out.offsets(), 0)).containsExactly(1, 0, 2);
        assertThat(slice(out.distinctNeighbours(), out.distinctOffsets(), 0)).containsExactly(1, 2);
        assertThat(out.degree(0)).isEqualTo(3);
        assertThat(out.distinctDegree(0)).isEqualTo(2);
        assertThat(out.connected(0, 2)).isTrue();
        assertThat(out.connected(1, 0)).isFalse();
        TopologyIndex.Adjacency in = t.in();
        assertThat(slice(in.neighbours(), in.offsets(), 2)).containsExactly(0, 0); // c <- a twice
        assertThat(slice(in.neighbours(), in.offsets(), 0)).containsExactly(2);    // a <- c
        assertThat(t.hasSelfLoop(1)).isTrue();
        assertThat(t.hasSelfLoop(0)).isFalse();
        assertThat(t.sameTable()).isTrue();
        assertThat(t.estimatedBytes()).isPositive();
    }

    @Test
    void crossTableTopologyResolvesEachEndpointInItsOwnTable() {
        TableData from = nodes("x", "y");
        TableData to = nodes("y", "x", "z");
        TopologyIndex t = TopologyIndex.build(edges("x", "x", "y", "z", "y", "x"), from, to);
        assertThat(slice(t.out().neighbours(), t.out().offsets(), 0)).containsExactly(1);     // x -> to.x (row 1)
        assertThat(slice(t.out().neighbours(), t.out().offsets(), 1)).containsExactly(1, 2);  // y -> x, z
        assertThat(t.hasSelfLoop(0)).isFalse(); // same id, different tables: not a loop
        assertThat(t.sameTable()).isFalse();
    }

    static int[] slice(int[] a, int[] offsets, int node) {
        return java.util.Arrays.copyOfRange(a, offsets[node], offsets[node + 1]);
    }

    @Test
    void hashIndexComparesNumbersByExactValueAndSkipsNulls() {
        ColumnBuilder.Ints b = (ColumnBuilder.Ints) ColumnBuilder.forType(ScalarType.I32, 8);
        for (Integer v : new Integer[]{3, null, 2, 3, -1, 2}) {
            b.appendValue(v);
        }
        HashIndex h = HashIndex.build(b.build());
        assertThat(h.lookup(new Probe.Long(3))).containsExactly(0, 3);
        assertThat(h.lookup(new Probe.Double(2.0))).containsExactly(2, 5);
        assertThat(h.lookup(new Probe.Double(2.5))).isEmpty();
        assertThat(h.lookup(new Probe.Long(7))).isEmpty();
        assertThat(h.distinctValues()).isEqualTo(3);
        assertThat(h.valueId(1)).isEqualTo(-1);
        assertThat(h.valueId(0)).isEqualTo(h.valueId(3));

        ColumnBuilder.Doubles d = (ColumnBuilder.Doubles) ColumnBuilder.forType(ScalarType.F64, 4);
        for (double v : new double[]{0.0, -0.0, 9007199254740992.0, 1.5}) {
            d.append(v);
        }
        HashIndex hd = HashIndex.build(d.build());
        assertThat(hd.lookup(new Probe.Double(0.0))).containsExactly(0, 1);
        assertThat(hd.lookup(new Probe.Long(9_007_199_254_740_992L))).containsExactly(2);
        assertThat(hd.lookup(new Probe.Long(9_007_199_254_740_993L))).isEmpty(); // no double equals 2^53+1

        ColumnBuilder s = ColumnBuilder.forType(ScalarType.STRING, 4);
        for (String v : new String[]{"x", "y", "x"}) {
            s.appendValue(v);
        }
        HashIndex hs = HashIndex.build(s.build());
        assertThat(hs.lookup(new Probe.Bytes("x".getBytes()))).containsExactly(0, 2);
        assertThat(hs.lookup(new Probe.Long(1))).isEmpty();
    }

    @Test
    void sortedIndexAnswersRangesAcrossWidths() {
        ColumnBuilder.Longs b = (ColumnBuilder.Longs) ColumnBuilder.forType(ScalarType.I64, 8);
        long[] vals = {5, 1, 9_007_199_254_740_993L, 3, 3, Long.MIN_VALUE};
        for (long v : vals) {
            b.append(v);
        }
        b.appendNull();
        SortedIndex s = SortedIndex.build(b.build());
        assertThat(s.range(bound(new Probe.Long(3), true), Optional.empty())).containsExactly(0, 2, 3, 4);
        assertThat(s.range(bound(new Probe.Double(2.5), false), bound(new Probe.Double(5.0), false))).containsExactly(3, 4);
        assertThat(s.range(Optional.empty(), bound(new Probe.Long(1), true))).containsExactly(1, 5);
        // 2^53 as a double is below 2^53+1 exactly: the long is greater
        assertThat(s.range(bound(new Probe.Double(9007199254740992.0), false), Optional.empty())).containsExactly(2);
        assertThat(s.count(Optional.empty(), Optional.empty())).isEqualTo(6); // the null is not indexed
        assertThat(s.range(bound(new Probe.Long(10), true), bound(new Probe.Long(4), true))).isEmpty();
    }

    static Optional<SortedIndex.Bound> bound(Probe p, boolean inclusive) {
        return Optional.of(new SortedIndex.Bound(p, inclusive));
    }

    @Test
    void cacheBuildsOncePerIdentity() {
        IndexCache cache = new IndexCache(1 << 20);
        TableData n = nodes("a", "b");
        TableData e = edges("a", "b");
        TopologyIndex t1 = cache.topology("e@1", "n@1", "n@1", () -> e, () -> n, () -> n);
        TopologyIndex t2 = cache.topology("e@1", "n@1", "n@1", () -> e, () -> n, () -> n);
        assertThat(t1).isSameAs(t2);
        assertThat(cache.topologyBuilds()).isEqualTo(1);
        cache.topology("e@2", "n@1", "n@1", () -> e, () -> n, () -> n);
        assertThat(cache.topologyBuilds()).isEqualTo(2);
        ColumnBuilder c = ColumnBuilder.forType(ScalarType.STRING, 2);
        c.appendValue("q");
        var col = c.build();
        assertThat(cache.hash("n@1", "p1", () -> col)).isSameAs(cache.hash("n@1", "p1", () -> col));
        assertThat(cache.scalarBuilds()).isEqualTo(1);
        assertThat(ColumnSpec.id().name()).isEqualTo("id");
    }

    @Test
    void intSortsAreStableAndTopKMatchesASortPrefix() {
        java.util.Random r = new java.util.Random(3);
        int[] keys = new int[500];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = r.nextInt(20);
        }
        int[] idx = new int[keys.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        IntComparator byKey = (a, b) -> Integer.compare(keys[a], keys[b]);
        int[] sorted = idx.clone();
        IntSorts.sort(sorted, byKey);
        for (int i = 1; i < sorted.length; i++) {
            int c = byKey.compare(sorted[i - 1], sorted[i]);
            assertThat(c < 0 || (c == 0 && sorted[i - 1] < sorted[i])).isTrue();
        }
        IntComparator total = (a, b) -> {
            int c = byKey.compare(a, b);
            return c != 0 ? c : Integer.compare(a, b);
        };
        assertThat(IntSorts.topK(idx, idx.length, 17, total)).containsExactly(java.util.Arrays.copyOf(sorted, 17));
    }
}
