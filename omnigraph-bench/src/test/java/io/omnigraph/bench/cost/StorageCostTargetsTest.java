package io.omnigraph.bench.cost;

import io.omnigraph.bench.cost.StorageCostCurves.Op;
import io.omnigraph.bench.cost.StorageCostCurves.Point;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deterministic storage-cost targets of docs/benchmarks.md, on the counting store (default build): keyed insert
 * ≤ 6 store ops and ≤ 4 sequential round trips at every schema width and history depth; branch create and delete
 * ≤ 2 requests at 140 types; edge insert ≤ 8, 1K-row append and merge ≤ 6 ops on a cold handle; every write, cold
 * and warm, costs the same at history depth 2 and 1,000 (cold point lookups read only the segments whose id filter
 * may hold the ids); the head commit at depth 1,000 stays small with the filters.
 */
class StorageCostTargetsTest {

    @Test
    void idFiltersKeepTheHeadCommitSmallAtDepthOneThousand() {
        long with = headCommitBytes(StorageCostCurves.build(8, 1000, GraphStoreOptions.defaults()));
        long without = headCommitBytes(StorageCostCurves.build(8, 1000, GraphStoreOptions.defaults().withIdFilters(false)));
        // ~1,000 one-row segments: the exact filter adds 28 bytes to a ~72-byte entry (measured 100,224 vs 72,216)
        assertThat(with - without).as("filter bytes at depth 1000").isBetween(20_000L, 35_000L);
        assertThat(with).isLessThan(128 * 1024);
    }

    static long headCommitBytes(InMemoryObjectStore mem) {
        String ref = new String(mem.get("refs/branches/main.json").orElseThrow().bytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"head\":\"([0-9A-Z]+)\"").matcher(ref);
        assertThat(m.find()).isTrue();
        return mem.get("commits/" + m.group(1) + ".json").orElseThrow().bytes().length;
    }

    @Test
    void targetsHoldAtEightAndOneHundredFortyTypesAndDepthTwoToOneThousand() {
        List<Point> points = new ArrayList<>();
        for (int types : new int[]{8, 140}) {
            for (int depth : new int[]{2, 1000}) {
                points.addAll(StorageCostCurves.measure(types, depth, InMemoryObjectStore::new, 1, EnumSet.allOf(Op.class)));
            }
        }
        String table = StorageCostCurves.table(points, false);
        for (Point p : points) {
            switch (p.op()) {
                case KEYED_INSERT -> {
                    assertThat(p.cold().calls()).as(table).isLessThanOrEqualTo(6);
                    assertThat(p.cold().roundTrips()).as(table).isLessThanOrEqualTo(4);
                    assertThat(p.warm().calls()).as(table).isLessThanOrEqualTo(6);
                    assertThat(p.cold().list()).isZero();
                }
                case BRANCH_CREATE, BRANCH_DELETE -> {
                    assertThat(p.cold().calls()).as(table).isLessThanOrEqualTo(2);
                    assertThat(p.warm().calls()).as(table).isLessThanOrEqualTo(2);
                }
                case EDGE_INSERT, LOAD_1K, MERGE -> {
                    assertThat(p.warm().list()).as(table).isZero();
                    // point lookups by id read only the segments whose id filter may hold the ids (measured 8 / 6 / 6
                    // ops and 5 / 4 / 5 round trips at every width and depth)
                    assertThat(p.cold().calls()).as(p.op() + " cold ops\n" + table)
                            .isLessThanOrEqualTo(p.op() == Op.EDGE_INSERT ? 8 : 6);
                    assertThat(p.cold().roundTrips()).as(p.op() + " cold round trips\n" + table)
                            .isLessThanOrEqualTo(p.op() == Op.LOAD_1K ? 4 : 5);
                    assertThat(p.cold().list()).isZero();
                }
            }
        }
        // flat across history depth: the warm calls cost the same at depth 2 and 1,000, and a cold keyed insert too
        for (Op op : Op.values()) {
            for (int types : new int[]{8, 140}) {
                List<Point> curve = points.stream().filter(p -> p.op() == op && p.types() == types).toList();
                assertThat(curve).hasSize(2);
                assertThat(curve.get(1).warm().calls()).as(op + " at " + types + " types\n" + table)
                        .isEqualTo(curve.get(0).warm().calls());
                assertThat(curve.get(1).warm().roundTrips()).as(op + " at " + types + " types\n" + table)
                        .isEqualTo(curve.get(0).warm().roundTrips());
                // cold: flat too, for every write (edge insert, append and merge since the segments' id filters)
                assertThat(curve.get(1).cold().calls()).as(op + " cold at " + types + " types\n" + table)
                        .isEqualTo(curve.get(0).cold().calls());
                assertThat(curve.get(1).cold().roundTrips()).as(op + " cold at " + types + " types\n" + table)
                        .isEqualTo(curve.get(0).cold().roundTrips());
            }
        }
    }
}
