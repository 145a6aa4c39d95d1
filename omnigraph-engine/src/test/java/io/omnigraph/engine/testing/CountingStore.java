package io.omnigraph.engine.testing;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoredObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Test-only decorator that counts store operations per kind and sequential round trips. Every call sleeps
 * {@code latency} (a simulated RTT) so calls issued in parallel overlap; a round trip starts whenever a call begins
 * while no other call is in flight. Replaceable by the storage module's counting wrapper once it lands.
 */
public final class CountingStore implements ObjectStore {
    private final ObjectStore delegate;
    private final Duration latency;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger roundTrips = new AtomicInteger();

    public CountingStore(ObjectStore delegate, Duration latency) {
        this.delegate = delegate;
        this.latency = latency;
    }

    public synchronized void reset() {
        counts.clear();
        log.clear();
        roundTrips.set(0);
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int count(String kind) {
        AtomicInteger c = counts.get(kind);
        return c == null ? 0 : c.get();
    }

    public int roundTrips() {
        return roundTrips.get();
    }

    /** "kind key" lines in call order. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private <T> T track(String kind, String key, Supplier<T> call) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        log.add(kind + " " + key);
        if (inFlight.getAndIncrement() == 0) {
            roundTrips.incrementAndGet();
        }
        try {
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return track("get", key, () -> delegate.get(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return track("head", key, () -> delegate.head(key));
    }

    @Override
    public String put(String key, byte[] bytes) {
        return track("put", key, () -> delegate.put(key, bytes));
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        return track("putIfAbsent", key, () -> delegate.putIfAbsent(key, bytes));
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        return track("putIfMatch", key, () -> delegate.putIfMatch(key, bytes, expectedVersion));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return track("list", prefix, () -> delegate.list(prefix));
    }

    @Override
    public void delete(String key) {
        track("delete", key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public boolean isLocal() {
        return delegate.isLocal();
    }
}
