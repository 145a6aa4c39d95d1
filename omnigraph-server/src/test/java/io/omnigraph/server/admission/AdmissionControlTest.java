package io.omnigraph.server.admission;

import io.omnigraph.server.error.ApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionControlTest {
    @Test
    void countLimitPerActor() {
        AdmissionControl ac = new AdmissionControl(2, 1000);
        AdmissionControl.Permit a = ac.admit("a", 1);
        AdmissionControl.Permit b = ac.admit("a", 1);
        assertThatThrownBy(() -> ac.admit("a", 1)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "60");
            assertThat(e.body().error()).contains("'a'").contains("OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX");
        });
        AdmissionControl.Permit other = ac.admit("b", 1);
        a.close();
        a.close();
        AdmissionControl.Permit c = ac.admit("a", 1);
        assertThat(ac.inFlight("a")).isEqualTo(2);
        b.close();
        c.close();
        other.close();
        assertThat(ac.inFlight("a")).isZero();
        assertThat(ac.bytesInFlight("a")).isZero();
    }

    @Test
    void byteLimitPerActor() {
        AdmissionControl ac = new AdmissionControl(100, 1000);
        AdmissionControl.Permit big = ac.admit("a", 900);
        assertThatThrownBy(() -> ac.admit("a", 101)).hasMessageContaining("OMNIGRAPH_PER_ACTOR_BYTES_MAX");
        try (AdmissionControl.Permit fits = ac.admit("a", 100)) {
            assertThat(ac.bytesInFlight("a")).isEqualTo(1000);
        }
        assertThatThrownBy(() -> ac.admit("a", 2000)).isInstanceOf(ApiException.class);
        big.close();
        assertThatThrownBy(() -> ac.admit("a", 2000)).as("a single request above the budget never fits").isInstanceOf(ApiException.class);
        assertThat(ac.bytesInFlight("a")).isZero();
    }

    @Test
    void neverExceedsTheLimitUnderContention() throws Exception {
        int limit = 4;
        AdmissionControl ac = new AdmissionControl(limit, Long.MAX_VALUE / 4);
        AtomicInteger current = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2000; i++) {
                        try (AdmissionControl.Permit p = ac.admit(i % 2 == 0 ? "x" : "x", 10)) {
                            int now = current.incrementAndGet();
                            peak.accumulateAndGet(now, Math::max);
                            admitted.incrementAndGet();
                            Thread.onSpinWait();
                            current.decrementAndGet();
                        } catch (ApiException e) {
                            rejected.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(peak.get()).isLessThanOrEqualTo(limit);
        assertThat(admitted.get() + rejected.get()).isEqualTo(threads * 2000);
        assertThat(admitted.get()).isPositive();
        assertThat(ac.inFlight("x")).isZero();
        assertThat(ac.bytesInFlight("x")).isZero();
    }
}
