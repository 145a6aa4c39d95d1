package io.omnigraph.storage;

import java.util.Objects;

/** Key, size in bytes and version token of a stored object. */
public record ObjectInfo(String key, long size, String version) {
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
    }
}
