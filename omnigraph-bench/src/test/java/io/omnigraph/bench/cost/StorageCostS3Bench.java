package io.omnigraph.bench.cost;

import io.omnigraph.bench.cost.StorageCostCurves.Point;
import io.omnigraph.testkit.storage.S3ProxyFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage cost curves on the real S3 protocol (S3Proxy in-process, AWS SDK over loopback HTTP) with wall times:
 * every operation at 8, 50 and 140 types and history depth 2, 100 and 1,000, printed as a Markdown table. Tagged
 * {@code bench} (not in the default run):
 * <pre>./mvnw -pl omnigraph-bench -am verify -Dtest=StorageCostS3Bench -Dsurefire.excludedGroups=long -Dgroups=bench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
class StorageCostS3Bench {
    private static final S3ProxyFixture S3 = S3ProxyFixture.shared();

    @Test
    void curvesOnS3() {
        List<Point> all = new ArrayList<>();
        int[] n = {0};
        for (int types : new int[]{8, 50, 140}) {
            for (int depth : new int[]{2, 100, 1000}) {
                all.addAll(StorageCostCurves.measure(types, depth, () -> S3.newStore("cost/g" + n[0]++ + ".omni"), 5));
            }
        }
        all.sort(Comparator.comparing((Point p) -> p.op()).thenComparingInt(Point::types).thenComparingInt(Point::depth));
        String table = StorageCostCurves.table(all, true);
        System.out.println(table);
        assertThat(all).hasSize(54);
    }
}
