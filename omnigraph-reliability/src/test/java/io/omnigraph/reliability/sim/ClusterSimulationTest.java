package io.omnigraph.reliability.sim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Deterministic simulation of the control plane (see {@link ClusterUniverse}): the default run covers 100 cluster
 * universes, {@code -Plong} 1,000. A failure prints {@code seed=N} and the replay command.
 */
class ClusterSimulationTest {
    @Test
    void hundredClusterUniverses() {
        run(Integer.getInteger("sim.cluster.universes", 100));
    }

    @Test
    @Tag("long")
    void thousandClusterUniverses() {
        run(Integer.getInteger("sim.cluster.long.universes", 1_000));
    }

    @Test
    void replay() {
        Long seed = Long.getLong("sim.seed");
        Assumptions.assumeTrue(seed != null, "pass -Dsim.seed=N to replay one cluster universe");
        List<String> trace = new ClusterUniverse(seed, new Stats()).run();
        trace.forEach(l -> System.out.println("[seed=" + seed + "] " + l));
    }

    @Test
    void aSeedReplaysExactly() {
        for (long seed = 3; seed < 6; seed++) {
            assertThat(new ClusterUniverse(seed, new Stats()).run()).as("seed=" + seed)
                    .isEqualTo(new ClusterUniverse(seed, new Stats()).run());
        }
    }

    /**
     * The oracles can fail: storage that acknowledges a graph's ref write without keeping it (under the control plane's
     * schema applies) is caught. (Segment corruption is not tried here: the control plane's schema changes write no
     * segments; {@code SimulationTest} covers it.)
     */
    @Test
    void aBrokenInvariantIsCaught() {
        Sabotage.Mode mode = Sabotage.Mode.LOSE_ACKNOWLEDGED_REF_WRITE;
        int caught = 0;
        String first = null;
        for (long seed = 1; seed <= 20; seed++) {
            try {
                new ClusterUniverse(seed, new Stats(), mode).run();
            } catch (Universe.Violation v) {
                caught++;
                first = first == null ? v.getMessage() : first;
            }
        }
        System.out.println("cluster sabotage " + mode + ": caught in " + caught + " of 20 universes; first report:\n" + first);
        assertThat(caught).as("cluster universes whose oracles caught " + mode).isGreaterThanOrEqualTo(3);
        assertThat(first).contains("seed=").contains("-Dsim.seed=");
    }

    static void run(int universes) {
        Stats stats = new Stats();
        ConcurrentLinkedQueue<Universe.Violation> failures = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        long first = Long.getLong("sim.first", 1L);
        LongStream.range(first, first + universes).parallel().forEach(seed -> {
            try {
                new ClusterUniverse(seed, stats).run();
            } catch (Universe.Violation v) {
                failures.add(v);
            }
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("cluster " + stats.summary(ms));
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + universes + " cluster universes broke an invariant:\n");
            failures.stream().sorted((a, b) -> a.getMessage().compareTo(b.getMessage())).limit(3)
                    .forEach(v -> sb.append(v.getMessage()).append("\n\n"));
            failures.peek().printStackTrace(System.out);
            fail(sb.toString());
        }
        assertThat(stats.universes.get()).isEqualTo(universes);
    }
}
