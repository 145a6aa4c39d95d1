package io.omnigraph.storage.wrap;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.Parallel;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountingObjectStoreTest {
    private final CountingObjectStore store = new CountingObjectStore(new InMemoryObjectStore());

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void countsEveryKindAndTheBytes() {
        String v = store.put("a", b("12345"));
        store.putIfAbsent("b", b("xy"));
        assertThatThrownBy(() -> store.putIfAbsent("b", b("zz"))).isInstanceOf(StoreException.PreconditionFailed.class);
        store.putIfMatch("a", b("123"), v);
        store.get("a");
        store.get("missing");
        store.head("b");
        store.exists("b");
        store.list("");
        store.delete("b");
        OpCounts c = store.snapshot();
        assertThat(c).isEqualTo(new OpCounts(2, 2, 1, 2, 1, 1, 1, 3, 12, 10));
        assertThat(c.calls()).isEqualTo(10);
        assertThat(c.writes()).isEqualTo(5);
        assertThat(c.reads()).isEqualTo(5);
        assertThat(c.of(StoreOp.PUT_IF_ABSENT)).isEqualTo(2);
        assertThat(c.toString()).contains("putIfAbsent=2", "roundTrips=10");
    }

    @Test
    void snapshotsSubtractAndResetClears() {
        store.put("a", b("1"));
        OpCounts before = store.snapshot();
        store.get("a");
        store.get("a");
        assertThat(store.snapshot().minus(before)).isEqualTo(new OpCounts(2, 0, 0, 0, 0, 0, 0, 2, 0, 2));
        store.reset();
        assertThat(store.snapshot()).isEqualTo(OpCounts.ZERO);
    }

    @Test
    void callsInsideOneParallelBatchAreOneRoundTrip() {
        List<Supplier<String>> uploads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = "segments/t/" + i;
            uploads.add(() -> store.put(key, b("data")));
        }
        store.get("refs/main"); // 1: read the ref
        Parallel.all(uploads); // 2: all uploads at once
        store.putIfAbsent("refs/main", b("c1")); // 3: publish
        assertThat(store.roundTrips()).isEqualTo(3);
        assertThat(store.snapshot().put()).isEqualTo(40);
    }

    @Test
    void aBatchCostsItsLongestLane() {
        List<Supplier<Void>> lanes = List.of(
                () -> {
                    store.get("x");
                    return null;
                },
                () -> {
                    store.put("y", b("1"));
                    store.get("y");
                    store.head("y");
                    return null;
                },
                () -> {
                    store.put("z", b("1"));
                    // a nested fan-out continues this lane: 1 + 1
                    Parallel.all(List.of(() -> store.get("z"), () -> store.head("z")));
                    return null;
                });
        Parallel.all(lanes);
        assertThat(store.roundTrips()).isEqualTo(3);
        store.get("after");
        assertThat(store.roundTrips()).isEqualTo(4);
    }

    @Test
    void batchesWorkWithTheCallersOwnExecutor() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try (Parallel.Batch batch = Parallel.batch()) {
            List<CompletableFuture<String>> uploads = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String key = "s/" + i;
                uploads.add(CompletableFuture.supplyAsync(batch.lane(() -> store.put(key, b("x"))), executor));
            }
            CompletableFuture.runAsync(batch.lane(() -> {
                store.get("s/0");
                store.get("s/1");
            }), executor).join();
            uploads.forEach(CompletableFuture::join);
        } finally {
            executor.shutdown();
        }
        assertThat(store.roundTrips()).as("the longest lane made 2 calls").isEqualTo(2);
        assertThat(store.snapshot().put()).isEqualTo(9);
        store.put("later", b("x"));
        assertThat(store.roundTrips()).as("pool threads carry no lane afterwards").isEqualTo(3);
        executor = Executors.newSingleThreadExecutor();
        try {
            executor.submit(() -> store.get("s/0")).get();
        } finally {
            executor.shutdown();
        }
        assertThat(store.roundTrips()).isEqualTo(4);
    }

    @Test
    void nestedCountersCountIndependently() {
        CountingObjectStore outer = new CountingObjectStore(store);
        Parallel.all(List.of(() -> outer.put("a", b("1")), () -> outer.put("b", b("2"))));
        store.get("a"); // only the inner counter sees this one
        assertThat(outer.snapshot().roundTrips()).isEqualTo(1);
        assertThat(store.snapshot().roundTrips()).isEqualTo(2);
        assertThat(outer.snapshot().put()).isEqualTo(2);
        assertThat(store.snapshot().put()).isEqualTo(2);
    }

    @Test
    void countsAreExactUnderConcurrency() throws Exception {
        ObjectStore s = store;
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    s.put("t" + id, b("x"));
                    s.get("t" + id);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        OpCounts c = store.snapshot();
        assertThat(c.put()).isEqualTo(4000);
        assertThat(c.get()).isEqualTo(4000);
        assertThat(c.roundTrips()).isEqualTo(8000);
        assertThat(c.bytesRead()).isEqualTo(4000);
    }
}
