package io.omnigraph.storage.memory;

import io.omnigraph.storage.Keys;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe in-memory store (a fake with real semantics, for tests and the simulator). Version tokens are a
 * per-store counter, so every write gets a fresh token. Stores opened as {@code mem://name} through
 * {@link io.omnigraph.storage.ObjectStores#open(String)} are shared process-wide by name; one made with
 * {@code new} is private to its creator.
 */
public final class InMemoryObjectStore implements ObjectStore {
    private record Entry(byte[] bytes, String version) {
    }

    private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final String name;

    private static final AtomicLong ANONYMOUS = new AtomicLong();

    /** A private store named {@code anonymous-<n>}. */
    public InMemoryObjectStore() {
        this("anonymous-" + ANONYMOUS.incrementAndGet());
    }

    public InMemoryObjectStore(String name) {
        this.name = name;
    }

    private Entry entry(byte[] bytes) {
        return new Entry(bytes.clone(), "v" + versions.incrementAndGet());
    }

    @Override
    public Optional<StoredObject> get(String key) {
        Entry e = objects.get(Keys.check(key));
        return e == null ? Optional.empty() : Optional.of(new StoredObject(e.bytes.clone(), e.version));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        Entry e = objects.get(Keys.check(key));
        return e == null ? Optional.empty() : Optional.of(new ObjectInfo(key, e.bytes.length, e.version));
    }

    @Override
    public String put(String key, byte[] bytes) {
        Keys.check(key);
        Entry e = entry(bytes);
        objects.put(key, e);
        return e.version;
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        Keys.check(key);
        Entry e = entry(bytes);
        if (objects.putIfAbsent(key, e) != null) {
            throw new StoreException.PreconditionFailed(key, "object already exists: " + key);
        }
        return e.version;
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        Keys.check(key);
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Entry next = entry(bytes);
        Entry[] won = new Entry[1];
        // ConcurrentSkipListMap may run the remapping function more than once under contention (it retries its
        // own CAS), so the outcome is decided by the last invocation only.
        objects.computeIfPresent(key, (k, current) -> {
            won[0] = null;
            if (current.version.equals(expectedVersion)) {
                won[0] = next;
                return next;
            }
            return current;
        });
        if (won[0] == null) {
            throw new StoreException.PreconditionFailed(key, "object " + key + " is missing or its version is not "
                    + expectedVersion);
        }
        return next.version;
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String p = Keys.checkPrefix(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : objects.tailMap(p, true).entrySet()) {
            if (!e.getKey().startsWith(p)) {
                break;
            }
            out.add(new ObjectInfo(e.getKey(), e.getValue().bytes.length, e.getValue().version));
        }
        return List.copyOf(out);
    }

    @Override
    public void delete(String key) {
        objects.remove(Keys.check(key));
    }

    @Override
    public String location() {
        return "mem://" + name;
    }

    @Override
    public boolean isLocal() {
        return true;
    }
}
