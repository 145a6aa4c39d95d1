package io.omnigraph.storage;

/** The only exceptions an {@link ObjectStore} throws. Sealed so callers can switch over them exhaustively. */
public abstract sealed class StoreException extends RuntimeException
        permits StoreException.NotFound, StoreException.PreconditionFailed, StoreException.Transient,
        StoreException.Configuration, StoreException.Permanent {

    private final String key;

    protected StoreException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The key the failed call addressed (may be empty for store-wide failures). */
    public String key() {
        return key;
    }

    public abstract StorageErrorCode code();

    /** The key does not exist (only thrown where absence is an error, e.g. reading a range). */
    public static final class NotFound extends StoreException {
        public NotFound(String key) {
            super(key, "object not found: " + key, null);
        }

        public NotFound(String key, String message) {
            super(key, message, null);
        }

        @Override
        public StorageErrorCode code() {
            return StorageErrorCode.NOT_FOUND;
        }
    }

    /** A conditional write lost: the key exists (create-if-absent) or its version moved (if-match). */
    public static final class PreconditionFailed extends StoreException {
        public PreconditionFailed(String key, String message) {
            super(key, message, null);
        }

        public PreconditionFailed(String key, String message, Throwable cause) {
            super(key, message, cause);
        }

        @Override
        public StorageErrorCode code() {
            return StorageErrorCode.PRECONDITION_FAILED;
        }
    }

    /** Throttling, 5xx, timeouts, connection resets: retrying may help. The outcome of a write may be unknown. */
    public static final class Transient extends StoreException {
        public Transient(String key, String message, Throwable cause) {
            super(key, message, cause);
        }

        @Override
        public StorageErrorCode code() {
            return StorageErrorCode.TRANSIENT;
        }
    }

    /** Bad credentials, missing bucket, unusable root, invalid key: fix the configuration. */
    public static final class Configuration extends StoreException {
        private final StorageErrorCode code;

        public Configuration(String key, String message, Throwable cause) {
            this(StorageErrorCode.CONFIGURATION, key, message, cause);
        }

        public Configuration(StorageErrorCode code, String key, String message, Throwable cause) {
            super(key, message, cause);
            this.code = code;
        }

        @Override
        public StorageErrorCode code() {
            return code;
        }
    }

    /** Anything else that retrying will not fix (corrupt object, I/O error on a local disk, 4xx). */
    public static final class Permanent extends StoreException {
        public Permanent(String key, String message, Throwable cause) {
            super(key, message, cause);
        }

        @Override
        public StorageErrorCode code() {
            return StorageErrorCode.PERMANENT;
        }
    }
}
