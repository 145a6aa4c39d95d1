package io.omnigraph.storage.wrap;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoredObject;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ObjectStore} that forwards every call to {@link #delegate}; wrappers and test fakes extend it and override
 * only the calls they intercept, so a new interface method needs forwarding in one place.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return delegate.get(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return delegate.head(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public String put(String key, byte[] bytes) {
        return delegate.put(key, bytes);
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        return delegate.putIfAbsent(key, bytes);
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        return delegate.putIfMatch(key, bytes, expectedVersion);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public boolean isLocal() {
        return delegate.isLocal();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
