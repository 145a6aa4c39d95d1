package io.omnigraph.server.http;

/** The server cannot start (runtime-state refusal, bind failure); the message is the user-facing reason. */
public final class ServerStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
        super(message, null, false, false);
    }
}
