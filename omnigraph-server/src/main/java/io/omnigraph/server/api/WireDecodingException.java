package io.omnigraph.server.api;

/**
 * A request body that is not acceptable JSON for its DTO. The message is user-facing (names the field, the
 * expected JSON type and the position) and is sent back as a 400 {@code bad_request}.
 */
public final class WireDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireDecodingException(String message) {
        super(message, null, false, false);
    }
}
