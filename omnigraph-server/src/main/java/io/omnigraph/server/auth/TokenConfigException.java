package io.omnigraph.server.auth;

/**
 * The bearer-token configuration is unusable (unreadable file, malformed JSON, blank or duplicate actor/token,
 * unsupported source). Fatal at boot; the message names the environment variable and the fix, never a token.
 */
public final class TokenConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public TokenConfigException(String message) {
        super(message, null, false, false);
    }
}
