package io.omnigraph.server.port;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A resolved Blob value. The server evaluates {@code If-Match}, {@code If-None-Match}, {@code Range} and
 * {@code If-Range} itself from {@link Managed#etag()} and {@link Managed#length()}, and asks for exactly the bytes
 * it sends.
 */
public sealed interface BlobHandle {
    /** The snapshot the value was read from ({@code Omnigraph-Snapshot-Id} header). */
    String snapshotId();

    /**
     * A Blob stored by the graph. {@code etag} is the opaque strong entity tag <em>without</em> quotes (no
     * {@code "} characters); {@code content} opens byte ranges of the value.
     */
    record Managed(String snapshotId, String etag, long length, Content content) implements BlobHandle {
        public Managed {
            Objects.requireNonNull(snapshotId, "snapshotId");
            Objects.requireNonNull(etag, "etag");
            if (etag.indexOf('"') >= 0) {
                throw new IllegalArgumentException("etag must not contain quotes");
            }
            if (length < 0) {
                throw new IllegalArgumentException("length must be >= 0");
            }
            Objects.requireNonNull(content, "content");
        }
    }

    /** A Blob that lives outside the graph; the server answers 302 with {@code Location: location}. */
    record External(String snapshotId, String location) implements BlobHandle {
        public External {
            Objects.requireNonNull(snapshotId, "snapshotId");
            Objects.requireNonNull(location, "location");
        }
    }

    /** Random access to a managed Blob's bytes. */
    @FunctionalInterface
    interface Content {
        /** Opens {@code length} bytes starting at {@code offset} (both within the value). The caller closes it. */
        InputStream open(long offset, long length) throws IOException;
    }
}
