package io.omnigraph.storage;

import java.util.List;
import java.util.Optional;

/**
 * The one storage interface of OmniGraph. Every byte the engine, the cluster control plane and the server persist goes
 * through it, so every call can be counted, delayed, failed or "crashed" in tests (see the wrappers in
 * {@code io.omnigraph.storage.wrap}).
 *
 * <p>The surface is deliberately minimal: adding a backend must stay cheap. Backends: local folder, S3 (any
 * S3-compatible endpoint), in-memory; {@link ObjectStores#open(String)} picks one from a location string. All of them
 * pass one contract suite ({@code io.omnigraph.testkit.storage.ObjectStoreContract} in omnigraph-testkit).
 *
 * <h2>Keys</h2>
 * Keys are relative, '/'-separated, non-empty, without leading or trailing '/', without empty, "." or ".." segments,
 * without backslashes or control characters, and without segments starting with {@code .omnigraph-} (reserved)
 * ({@link Keys#check(String)}). A store is rooted somewhere (a directory, a bucket prefix); keys never escape that
 * root. An invalid key fails with {@link StoreException.Configuration} and code
 * {@link StorageErrorCode#INVALID_KEY} before any I/O. Portable layouts never use one key as a "directory" of another
 * ({@code a} and {@code a/b}): S3 allows it, the local backend refuses the second write with
 * {@link StoreException.Permanent}.
 *
 * <h2>Versions</h2>
 * Every stored object has an opaque, non-empty version token: an S3 ETag (quotes included), a content hash on the
 * local backend, a counter on the in-memory one. The token returned by a write, by {@link #get}, {@link #head} and
 * {@link #list} for the same stored bytes is the same string. The token changes whenever the bytes change; it may stay
 * the same when identical bytes are written again (content-derived tokens), so {@link #putIfMatch} guarantees "the
 * bytes are still the ones I read", not "nobody wrote in between". Put a unique writer token in objects that need
 * the stronger property.
 *
 * <h2>Atomicity</h2>
 * <ul>
 *   <li>{@link #put}, {@link #putIfAbsent} and {@link #putIfMatch} replace the whole object atomically: a concurrent
 *       reader sees the old bytes or the new bytes, never a mix or a truncated object. The local backend writes a
 *       temp file, fsyncs it and renames/links it into place, then fsyncs the directory.</li>
 *   <li>{@link #putIfAbsent} and {@link #putIfMatch} are the <em>only</em> concurrency primitives. Exactly one of N
 *       concurrent conditional writers on one key wins; the others get {@link StoreException.PreconditionFailed}.
 *       This holds across threads and processes (local: hard link / OS file lock; S3: {@code If-None-Match: *} and
 *       {@code If-Match}). {@link #put} and {@link #delete} are linearizable with them: a {@code putIfMatch} never
 *       silently undoes a {@code put} or {@code delete} that completed before it.</li>
 *   <li>A conditional write may report {@code PreconditionFailed} although <em>this</em> call's bytes landed (a
 *       transport retry re-sent a write that had succeeded). Callers that must know put a unique writer token in the
 *       object and use {@code io.omnigraph.storage.wrap.ConditionalWrites}, which re-reads and compares.</li>
 *   <li>{@link #list} is not a snapshot: objects created or deleted during a listing may or may not appear.</li>
 *   <li>Byte arrays are never shared: the store copies what it is given and what it returns.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * Every method throws only {@link StoreException} subclasses: {@code NotFound}, {@code PreconditionFailed},
 * {@code Transient} (retrying may help), {@code Configuration} (bad credentials, missing bucket, bad root, invalid
 * key) and {@code Permanent}. Absence is not a failure: {@link #get} and {@link #head} return empty, {@link #delete}
 * of a missing key succeeds. An outcome that is unknown (a timeout after the request was sent) is reported as
 * {@code Transient} and never authorises a blind replay of a non-idempotent write. Backends retry transport errors
 * themselves (the S3 SDK's retry policy); callers do not stack another retry loop on top for single calls.
 *
 * <h2>Threads</h2>
 * Implementations are thread-safe. Closing a store releases its connections; a closed store must not be used.
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

    /**
     * Every object whose key starts with {@code prefix} (plain string prefix, recursive: {@code "refs/b"} matches
     * {@code "refs/branches/main"}), sorted by {@link String#compareTo}. An empty prefix lists all. The prefix is
     * validated like a key but may end with '/'.
     */
    List<ObjectInfo> list(String prefix);

    /** Deletes an object; deleting a missing key is not an error. */
    void delete(String key);

    /** True when the key exists: one {@link #head}-like call (the local backend only stats the file). */
    default boolean exists(String key) {
        return head(key).isPresent();
    }

    /**
     * Where this store lives, for messages and echoes: a local absolute path, an {@code s3://bucket/prefix} URI or
     * {@code mem://name}. {@link ObjectStores#open(String)} of this string opens the same store again.
     */
    String location();

    /** True when the store is on this machine's file system (used for destructive-confirmation rules). */
    boolean isLocal();

    @Override
    default void close() {
    }
}
