package io.omnigraph.storage.wrap;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.Parallel;
import io.omnigraph.storage.StoredObject;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls made through it, per {@link StoreOp}, plus bytes read and written and <em>sequential round
 * trips</em>: calls made inside one {@link Parallel#all} count as the longest lane, every other call counts one.
 * Thread-safe. Tests and benchmarks assert on {@link #snapshot()}, e.g. "a warm read is 1 GET" or "publishing a
 * write is at most 4 round trips after the data upload". Closing it closes the inner store.
 */
public final class CountingObjectStore implements ObjectStore {
    private final ObjectStore inner;
    private final Map<StoreOp, LongAdder> calls = new EnumMap<>(StoreOp.class);
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final Parallel.RoundTripMeter roundTrips = new Parallel.RoundTripMeter();

    public CountingObjectStore(ObjectStore inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
        for (StoreOp op : StoreOp.values()) {
            calls.put(op, new LongAdder());
        }
    }

    /** The wrapped store. */
    public ObjectStore inner() {
        return inner;
    }

    /** Counts so far. Taken while calls are in flight, the fields may be from slightly different moments. */
    public OpCounts snapshot() {
        return new OpCounts(n(StoreOp.GET), n(StoreOp.HEAD), n(StoreOp.PUT), n(StoreOp.PUT_IF_ABSENT),
                n(StoreOp.PUT_IF_MATCH), n(StoreOp.LIST), n(StoreOp.DELETE), bytesRead.sum(), bytesWritten.sum(),
                roundTrips.count());
    }

    /** Sequential round trips so far (same as {@code snapshot().roundTrips()}). */
    public long roundTrips() {
        return roundTrips.count();
    }

    /** Sets every counter back to zero. */
    public void reset() {
        calls.values().forEach(LongAdder::reset);
        bytesRead.reset();
        bytesWritten.reset();
        roundTrips.reset();
    }

    private long n(StoreOp op) {
        return calls.get(op).sum();
    }

    private void count(StoreOp op) {
        calls.get(op).increment();
        roundTrips.onCall();
    }

    @Override
    public Optional<StoredObject> get(String key) {
        count(StoreOp.GET);
        Optional<StoredObject> r = inner.get(key);
        r.ifPresent(o -> bytesRead.add(o.bytes().length));
        return r;
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        count(StoreOp.HEAD);
        return inner.head(key);
    }

    /** Counted as a HEAD. */
    @Override
    public boolean exists(String key) {
        count(StoreOp.HEAD);
        return inner.exists(key);
    }

    @Override
    public String put(String key, byte[] bytes) {
        count(StoreOp.PUT);
        bytesWritten.add(bytes.length);
        return inner.put(key, bytes);
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        count(StoreOp.PUT_IF_ABSENT);
        bytesWritten.add(bytes.length);
        return inner.putIfAbsent(key, bytes);
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        count(StoreOp.PUT_IF_MATCH);
        bytesWritten.add(bytes.length);
        return inner.putIfMatch(key, bytes, expectedVersion);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        count(StoreOp.LIST);
        return inner.list(prefix);
    }

    @Override
    public void delete(String key) {
        count(StoreOp.DELETE);
        inner.delete(key);
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public boolean isLocal() {
        return inner.isLocal();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return "Counting[" + inner + "]";
    }
}
