package io.omnigraph.storage;

import java.util.List;
import java.util.Optional;

/**
 * The one storage interface of OmniGraph. Every byte the engine, the cluster control plane and the server persist goes
 * through it, so every call can be counted, delayed, failed or "crashed" in tests (see the wrappers in
 * {@code io.omnigraph.storage.wrap}).
 *
 * <p>The surface is deliberately minimal: adding a backend must stay cheap. Backends: local folder, S3 (any
 * S3-compatible endpoint), in-memory. All of them pass one contract suite ({@code ObjectStoreContract} in the tests).
 *
 * <h2>Keys</h2>
 * Keys are relative, '/'-separated, non-empty, without leading '/', without empty, "." or ".." segments and without
 * backslashes or control characters ({@link Keys#check(String)}). A store is rooted somewhere (a directory, a bucket
 * prefix); keys never escape that root.
 *
 * <h2>Atomicity</h2>
 * <ul>
 *   <li>{@link #put}, {@link #putIfAbsent} and {@link #putIfMatch} replace the whole object atomically: a concurrent
 *       reader sees the old bytes or the new bytes, never a mix or a truncated object. The local backend writes a
 *       temp file, fsyncs it and renames/links it into place.</li>
 *   <li>{@link #putIfAbsent} and {@link #putIfMatch} are the <em>only</em> concurrency primitives. Exactly one of N
 *       concurrent conditional writers on one key wins; the others get {@link StoreException.PreconditionFailed}.
 *       This holds across processes (local: hard link / OS file lock; S3: {@code If-None-Match: *} and
 *       {@code If-Match}).</li>
 *   <li>A conditional write may report {@code PreconditionFailed} although <em>this</em> call's bytes landed (a
 *       transport retry re-sent a write that had succeeded). Callers that must know put a unique writer token in the
 *       object and re-read it on {@code PreconditionFailed}.</li>
 *   <li>{@link #list} is not a snapshot: objects created or deleted during a listing may or may not appear.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * Every method throws only {@link StoreException} subclasses: {@code NotFound}, {@code PreconditionFailed},
 * {@code Transient} (retrying may help), {@code Configuration} (bad credentials, missing bucket, bad root) and
 * {@code Permanent}. An outcome that is unknown (a timeout after the request was sent) is reported as
 * {@code Transient} and never authorises a blind replay of a non-idempotent write.
 */
public interface ObjectStore extends AutoCloseable {

    /** Reads a whole object with its version token; empty when the key does not exist. */
    Optional<StoredObject> get(String key);

    /** Size and version of an object without its bytes; empty when the key does not exist. */
    Optional<ObjectInfo> head(String key);

    /** Creates or replaces an object unconditionally. Returns the new version token. */
    String put(String key, byte[] bytes);

    /**
     * Creates the object only if the key does not exist.
     *
     * @throws StoreException.PreconditionFailed when the key exists (possibly because this very write landed, see
     *                                           the class comment)
     */
    String putIfAbsent(String key, byte[] bytes);

    /**
     * Replaces the object only if its current version token equals {@code expectedVersion}.
     *
     * @throws StoreException.PreconditionFailed when the current version differs or the object no longer exists
     */
    String putIfMatch(String key, byte[] bytes, String expectedVersion);

    /** Every object whose key starts with {@code prefix} (recursively), sorted by key. An empty prefix lists all. */
    List<ObjectInfo> list(String prefix);

    /** Deletes an object; deleting a missing key is not an error. */
    void delete(String key);

    /** Where this store lives, for messages and echoes: a local path or an {@code s3://bucket/prefix} URI. */
    String location();

    /** True when the store is on this machine's file system (used for destructive-confirmation rules). */
    boolean isLocal();

    @Override
    default void close() {
    }
}
