package io.omnigraph.server.api;

/**
 * Raised while decoding a request body when a value is well-formed JSON but not acceptable for its field
 * (unknown enum string, missing required field, two spellings of one field). The message is user-facing and never
 * names Java types; the JSON decoder prefixes it with the field path.
 */
public final class InvalidWireValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidWireValueException(String message) {
        super(message);
    }

    /** The standard "missing field" failure for a required property. */
    public static InvalidWireValueException missing(String field) {
        return new InvalidWireValueException("missing field '" + field + "'");
    }
}
