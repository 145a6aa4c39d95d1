package io.omnigraph.compiler.types;

/**
 * A value that does not convert to its declared type. The message is the user-facing text of the spec
 * (e.g. {@code strict property 'age' expects Int32, got "30"}); the engine adds the place (NDJSON line, param name).
 */
public final class ValueException extends RuntimeException {
    private final ValueErrorCode code;

    public ValueException(ValueErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ValueErrorCode code() {
        return code;
    }
}
