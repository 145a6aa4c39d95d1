package io.omnigraph.engine.query;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bottom-up count kernel ({@code out[x] = Σ val[nb[q]]} over a CSR) split across the common pool: on adjacency
 * arrays large enough to be split (skewed degrees, empty lists at both ends), every node's sum equals the sequential
 * one. Query-level equivalence of the dense and memoised count chains is {@link DifferentialTest}'s job.
 */
class DenseCountTest {
    @Test
    void parallelSplitSumsEveryNodeExactlyOnce() {
        Random r = new Random(42);
        for (int round = 0; round < 4; round++) {
            int n = 20_000 + r.nextInt(20_000);
            int[] off = new int[n + 1];
            for (int x = 0; x < n; x++) {
                // skewed: a few hubs with thousands of neighbours, many empty lists (also at both ends)
                int deg = x < 3 || x > n - 4 ? 0 : r.nextInt(100) == 0 ? 2_000 + r.nextInt(8_000) : r.nextInt(20);
                off[x + 1] = off[x] + deg;
            }
            assertThat(off[n]).as("large enough to be split").isGreaterThan(1 << 18);
            int targets = 5_000;
            int[] nb = new int[off[n]];
            for (int q = 0; q < nb.length; q++) {
                nb[q] = r.nextInt(targets);
            }
            long[] val = new long[targets];
            for (int y = 0; y < targets; y++) {
                val[y] = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(1_000_000);
            }
            long[] got = new long[n];
            java.util.Arrays.fill(got, -1);
            Expander.sumNeighbours(off, nb, n, val, got);
            for (int x = 0; x < n; x++) {
                long want = 0;
                for (int q = off[x]; q < off[x + 1]; q++) {
                    want += val[nb[q]];
                }
                assertThat(got[x]).as("node %d of %d", x, n).isEqualTo(want);
            }
        }
    }
}
