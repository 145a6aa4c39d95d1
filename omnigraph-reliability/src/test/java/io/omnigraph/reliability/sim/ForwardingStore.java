package io.omnigraph.reliability.sim;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoredObject;

import java.util.List;
import java.util.Optional;

/** An {@link ObjectStore} that forwards every call; subclasses override what they intercept. */
abstract class ForwardingStore implements ObjectStore {
    protected final ObjectStore inner;

    ForwardingStore(ObjectStore inner) {
        this.inner = inner;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return inner.get(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return inner.head(key);
    }

    @Override
    public boolean exists(String key) {
        return inner.exists(key);
    }

    @Override
    public String put(String key, byte[] bytes) {
        return inner.put(key, bytes);
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        return inner.putIfAbsent(key, bytes);
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        return inner.putIfMatch(key, bytes, expectedVersion);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return inner.list(prefix);
    }

    @Override
    public void delete(String key) {
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
        // the shared store outlives every simulated process
    }
}
