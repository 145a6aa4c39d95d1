package io.omnigraph.storage;

/** Stable error codes of the storage layer. */
public enum StorageErrorCode {
    NOT_FOUND("storage_not_found"),
    PRECONDITION_FAILED("storage_precondition_failed"),
    TRANSIENT("storage_transient"),
    CONFIGURATION("storage_configuration"),
    PERMANENT("storage_permanent"),
    INVALID_KEY("storage_invalid_key"),
    /** A store location (URI or path) that cannot be opened: unknown scheme, {@code s3://} without a bucket, … */
    INVALID_LOCATION("storage_invalid_location"),
    /** The local file system cannot do what the local backend needs (hard links, file locks). */
    UNSUPPORTED_FILESYSTEM("storage_unsupported_filesystem");

    private final String code;

    StorageErrorCode(String code) {
        this.code = code;
    }

    /** The snake_case code shown to users. */
    public String code() {
        return code;
    }
}
