package io.omnigraph.storage.wrap;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Conditional writes that tell "I lost" from "my write landed, but the answer got lost".
 *
 * <p>A conditional PUT can land while its response is lost; the client then retries it and the retry answers 412
 * (or the call times out). Both helpers below resolve that by re-reading the object once and comparing bytes. This
 * is only sound when the bytes are unique to the writer: put a writer token (a commit id, an operation id, a ULID)
 * in every object written this way, so equal bytes mean "ours".
 *
 * <p>No retry loop: each helper makes the write and, only on PreconditionFailed or Transient, one read.
 */
public final class ConditionalWrites {
    private ConditionalWrites() {
    }

    /** How a conditional write ended. */
    public enum Outcome {
        /** The write was acknowledged. */
        WRITTEN,
        /** The store answered PreconditionFailed or Transient, but the object now holds exactly our bytes. */
        ALREADY_OURS,
        /**
         * Another writer won: the object is missing or holds other bytes. Our write may still have landed and been
         * replaced since; callers that must know check their own history (e.g. whether the current ref descends from
         * their commit).
         */
        LOST
    }

    /**
     * The outcome and the object as this call last knew it: our bytes and version for {@code WRITTEN} and
     * {@code ALREADY_OURS}; the winner's object (or empty when the key is missing) for {@code LOST}.
     */
    public record Result(Outcome outcome, Optional<StoredObject> current) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(current, "current");
        }

        /** True for WRITTEN and ALREADY_OURS. */
        public boolean ours() {
            return outcome != Outcome.LOST;
        }

        /** Version of {@link #current()}, if any. */
        public Optional<String> version() {
            return current.map(StoredObject::version);
        }
    }

    /** {@link ObjectStore#putIfAbsent}, resolving a PreconditionFailed or Transient answer by re-reading. */
    public static Result createOrConfirm(ObjectStore store, String key, byte[] bytes) {
        byte[] ours = bytes.clone();
        try {
            String version = store.putIfAbsent(key, ours);
            return new Result(Outcome.WRITTEN, Optional.of(new StoredObject(ours, version)));
        } catch (StoreException.PreconditionFailed e) {
            return confirm(store, key, ours, e);
        } catch (StoreException.Transient e) {
            return confirmOrRethrow(store, key, ours, e);
        }
    }

    /** {@link ObjectStore#putIfMatch}, resolving a PreconditionFailed or Transient answer by re-reading. */
    public static Result replaceOrConfirm(ObjectStore store, String key, byte[] bytes, String expectedVersion) {
        byte[] ours = bytes.clone();
        try {
            String version = store.putIfMatch(key, ours, expectedVersion);
            return new Result(Outcome.WRITTEN, Optional.of(new StoredObject(ours, version)));
        } catch (StoreException.PreconditionFailed e) {
            return confirm(store, key, ours, e);
        } catch (StoreException.Transient e) {
            return confirmOrRethrow(store, key, ours, e);
        }
    }

    private static Result confirm(ObjectStore store, String key, byte[] ours, StoreException cause) {
        Optional<StoredObject> current;
        try {
            current = store.get(key);
        } catch (StoreException readFailure) {
            readFailure.addSuppressed(cause);
            throw readFailure;
        }
        if (current.isPresent() && Arrays.equals(current.get().bytes(), ours)) {
            return new Result(Outcome.ALREADY_OURS, current);
        }
        return new Result(Outcome.LOST, current);
    }

    private static Result confirmOrRethrow(ObjectStore store, String key, byte[] ours, StoreException.Transient e) {
        Optional<StoredObject> current;
        try {
            current = store.get(key);
        } catch (StoreException readFailure) {
            e.addSuppressed(readFailure);
            throw e;
        }
        if (current.isPresent() && Arrays.equals(current.get().bytes(), ours)) {
            return new Result(Outcome.ALREADY_OURS, current);
        }
        throw e; // not ours (yet): the outcome stays unknown, and only the caller may decide to retry
    }
}
