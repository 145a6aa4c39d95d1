package io.omnigraph.storage;

/** Stable error codes of the storage layer. */
public enum StorageErrorCode {
    NOT_FOUND("storage_not_found"),
    PRECONDITION_FAILED("storage_precondition_failed"),
    TRANSIENT("storage_transient"),
    CONFIGURATION("storage_configuration"),
    PERMANENT("storage_permanent"),
    INVALID_KEY("storage_invalid_key");

    private final String code;

    StorageErrorCode(String code) {
        this.code = code;
    }

    /** The snake_case code shown to users. */
    public String code() {
        return code;
    }
}
