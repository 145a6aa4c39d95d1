package io.omnigraph.storage;

import java.util.Objects;

/**
 * The bytes of an object and its version token. The token is opaque: an S3 ETag, or a content hash on the local and
 * in-memory backends. Pass it back to {@link ObjectStore#putIfMatch} for compare-and-swap.
 */
public record StoredObject(byte[] bytes, String version) {
    public StoredObject {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(version, "version");
    }

    public String utf8() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
