package io.omnigraph.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParallelTest {
    @Test
    void resultsComeBackInTaskOrder() {
        List<Supplier<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            tasks.add(() -> {
                sleep(20 - n);
                return n * n;
            });
        }
        List<Integer> out = Parallel.all(tasks);
        for (int i = 0; i < 20; i++) {
            assertThat(out.get(i)).isEqualTo(i * i);
        }
        assertThat(Parallel.all(List.<Supplier<String>>of())).isEmpty();
        assertThat(Parallel.all(List.of(() -> "only"))).containsExactly("only");
    }

    @Test
    void sequentialModeRunsLanesInTaskOrderOnTheCallingThreadAndStillWaitsForAll() {
        Thread caller = Thread.currentThread();
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Supplier<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(() -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                order.add("t" + n);
                if (n == 1 || n == 3) {
                    throw new IllegalStateException("boom " + n);
                }
                return n;
            });
        }
        Throwable t = catchThrowable(() -> Parallel.sequentially(() -> Parallel.all(tasks)));
        assertThat(order).containsExactly("t0", "t1", "t2", "t3", "t4");
        assertThat(t).hasMessage("boom 1");
        assertThat(t.getSuppressed()).hasSize(1);
        assertThat(Parallel.isSequential()).isFalse();

        // executors wrapped with lanes(...) run inline in sequential mode, on their delegate otherwise
        AtomicInteger delegated = new AtomicInteger();
        java.util.concurrent.Executor ex = Parallel.lanes(r -> {
            delegated.incrementAndGet();
            r.run();
        });
        Parallel.sequentially(() -> {
            ex.execute(() -> order.add("inline"));
            return null;
        });
        assertThat(delegated).hasValue(0);
        ex.execute(() -> order.add("delegated"));
        assertThat(delegated).hasValue(1);
        assertThat(order).endsWith("inline", "delegated");
    }

    @Test
    void tasksReallyRunAtTheSameTime() {
        int n = 6;
        CountDownLatch allInside = new CountDownLatch(n);
        List<Supplier<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(() -> {
                allInside.countDown();
                try {
                    return allInside.await(10, TimeUnit.SECONDS); // false if the tasks ran one by one
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(Parallel.all(tasks)).containsOnly(true);
    }

    @Test
    void concurrencyIsCapped() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Supplier<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tasks.add(() -> {
                peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleep(10);
                inside.decrementAndGet();
                return null;
            });
        }
        Parallel.all(tasks, 3);
        assertThat(peak.get()).isBetween(1, 3);
    }

    @Test
    void aFailureIsRethrownOnlyAfterEveryLaneFinished() {
        AtomicBoolean slowLaneFinished = new AtomicBoolean();
        List<Supplier<String>> tasks = List.of(
                () -> {
                    sleep(150);
                    slowLaneFinished.set(true);
                    return "slow";
                },
                () -> {
                    throw new StoreException.Transient("k1", "first failure", null);
                },
                () -> {
                    throw new StoreException.Permanent("k2", "second failure", null);
                });
        Throwable t = catchThrowable(() -> Parallel.all(tasks));
        assertThat(slowLaneFinished).as("no lane may still be running").isTrue();
        assertThat(t).isInstanceOf(StoreException.Transient.class).hasMessage("first failure");
        assertThat(t.getSuppressed()).singleElement().isInstanceOf(StoreException.Permanent.class);
    }

    @Test
    void runIsTheVoidForm() {
        AtomicInteger ran = new AtomicInteger();
        Parallel.run(List.of(ran::incrementAndGet, ran::incrementAndGet, ran::incrementAndGet));
        assertThat(ran).hasValue(3);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
