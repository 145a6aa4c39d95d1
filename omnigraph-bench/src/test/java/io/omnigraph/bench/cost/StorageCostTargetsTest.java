package io.omnigraph.bench.cost;

import io.omnigraph.bench.cost.StorageCostCurves.Op;
import io.omnigraph.bench.cost.StorageCostCurves.Point;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deterministic storage-cost targets of docs/benchmarks.md, on the counting store (default build): keyed insert
 * ≤ 6 store ops and ≤ 4 sequential round trips at every schema width and history depth; branch create and delete
 * ≤ 2 requests at 140 types; every warm write costs the same at history depth 2 and 1,000.
 */
class StorageCostTargetsTest {

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
                case EDGE_INSERT, LOAD_1K, MERGE -> assertThat(p.warm().list()).as(table).isZero();
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
                if (op == Op.KEYED_INSERT || op == Op.BRANCH_CREATE || op == Op.BRANCH_DELETE) {
                    assertThat(curve.get(1).cold().calls()).as(table).isEqualTo(curve.get(0).cold().calls());
                }
            }
        }
    }
}
