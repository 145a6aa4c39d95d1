package io.omnigraph.storage.wrap;

import io.omnigraph.storage.Keys;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StorageErrorCode;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scoped view of another store: key {@code k} here is {@code prefix + k} in the inner store, and listings only see
 * (and return relative to) the prefix. Used for graph roots inside a cluster root ({@code graphs/knowledge.omni/}).
 * All guarantees of the inner store carry over. Closing the view does not close the inner store, which is shared.
 */
public final class PrefixedObjectStore implements ObjectStore {
    private final ObjectStore inner;
    private final String prefix;

    /** {@code prefix} is key-like ("graphs/a.omni" or "graphs/a.omni/"); it must not be empty. */
    public PrefixedObjectStore(ObjectStore inner, String prefix) {
        this.inner = Objects.requireNonNull(inner, "inner");
        String scope;
        try {
            scope = Keys.checkScope(prefix);
        } catch (StoreException e) {
            throw new StoreException.Configuration(StorageErrorCode.INVALID_KEY, String.valueOf(prefix),
                    "invalid store prefix: " + e.getMessage(), e);
        }
        if (scope.isEmpty()) {
            throw new StoreException.Configuration(StorageErrorCode.INVALID_KEY, "",
                    "a store prefix must not be empty (use the inner store directly)", null);
        }
        this.prefix = scope;
    }

    /** The wrapped store. */
    public ObjectStore inner() {
        return inner;
    }

    /** The prefix, ending with '/'. */
    public String prefix() {
        return prefix;
    }

    private String full(String key) {
        return prefix + Keys.check(key);
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return inner.get(full(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return inner.head(full(key)).map(i -> new ObjectInfo(key, i.size(), i.version()));
    }

    @Override
    public boolean exists(String key) {
        return inner.exists(full(key));
    }

    @Override
    public String put(String key, byte[] bytes) {
        return inner.put(full(key), bytes);
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        return inner.putIfAbsent(full(key), bytes);
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        return inner.putIfMatch(full(key), bytes, expectedVersion);
    }

    @Override
    public List<ObjectInfo> list(String listPrefix) {
        List<ObjectInfo> all = inner.list(prefix + Keys.checkPrefix(listPrefix));
        List<ObjectInfo> out = new ArrayList<>(all.size());
        for (ObjectInfo i : all) {
            out.add(new ObjectInfo(i.key().substring(prefix.length()), i.size(), i.version()));
        }
        return List.copyOf(out);
    }

    @Override
    public void delete(String key) {
        inner.delete(full(key));
    }

    @Override
    public String location() {
        String base = inner.location();
        return (base.endsWith("/") ? base : base + "/") + prefix.substring(0, prefix.length() - 1);
    }

    @Override
    public boolean isLocal() {
        return inner.isLocal();
    }

    @Override
    public String toString() {
        return "Prefixed[" + prefix + " in " + inner + "]";
    }
}
