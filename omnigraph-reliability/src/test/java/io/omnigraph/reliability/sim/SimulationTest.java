package io.omnigraph.reliability.sim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Deterministic simulation of the engine (see {@link Universe}). The default run covers 500 universes; {@code -Plong}
 * 10,000. A failure prints {@code seed=N} and the one-line replay command ({@code -Dsim.seed=N}).
 */
class SimulationTest {
    static final long FIRST_SEED = Long.getLong("sim.first", 1L);

    @Test
    void fiveHundredUniverses() {
        run(Integer.getInteger("sim.universes", 500));
    }

    @Test
    @Tag("long")
    void tenThousandUniverses() {
        run(Integer.getInteger("sim.long.universes", 10_000));
    }

    /** {@code -Dsim.seed=N}: replays one universe with its trace printed. */
    @Test
    void replay() {
        Long seed = Long.getLong("sim.seed");
        Assumptions.assumeTrue(seed != null, "pass -Dsim.seed=N to replay one universe");
        new Universe(seed, new Stats(), Sabotage.Mode.NONE, true).run();
    }

    @Test
    void aSeedReplaysExactly() {
        for (long seed = 7; seed < 27; seed++) {
            List<String> a = new Universe(seed, new Stats(), Sabotage.Mode.NONE, false).run();
            List<String> b = new Universe(seed, new Stats(), Sabotage.Mode.NONE, false).run();
            assertThat(b).as("seed=" + seed + " replays step for step").isEqualTo(a);
        }
    }

    /** The oracles can fail: storage that loses an acknowledged write or corrupts a segment is caught. */
    @ParameterizedTest
    @EnumSource(value = Sabotage.Mode.class, names = {"LOSE_ACKNOWLEDGED_REF_WRITE", "CORRUPT_SEGMENT"})
    void aBrokenInvariantIsCaught(Sabotage.Mode mode) {
        int caught = 0;
        String first = null;
        for (long seed = 1; seed <= 20; seed++) {
            try {
                new Universe(seed, new Stats(), mode, false).run();
            } catch (Universe.Violation v) {
                caught++;
                first = first == null ? v.getMessage() : first;
            }
        }
        System.out.println("sabotage " + mode + ": caught in " + caught + " of 20 universes; first report:\n" + first);
        assertThat(caught).as("universes whose oracles caught " + mode).isGreaterThanOrEqualTo(10);
        assertThat(first).contains("seed=").contains("-Dsim.seed=");
    }

    static void run(int universes) {
        Stats stats = new Stats();
        ConcurrentLinkedQueue<Universe.Violation> failures = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        LongStream.range(FIRST_SEED, FIRST_SEED + universes).parallel().forEach(seed -> {
            try {
                new Universe(seed, stats, Sabotage.Mode.NONE, false).run();
            } catch (Universe.Violation v) {
                failures.add(v);
            }
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(stats.summary(ms));
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + universes + " universes broke an invariant;"
                    + " first failures:\n");
            failures.stream().sorted((a, b) -> a.getMessage().compareTo(b.getMessage())).limit(3)
                    .forEach(v -> sb.append(v.getMessage()).append("\n\n"));
            failures.peek().printStackTrace(System.out);
            fail(sb.toString());
        }
        assertThat(stats.universes.get()).isEqualTo(universes);
    }
}
