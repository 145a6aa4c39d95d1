package io.omnigraph.server.config;

/** A flag or environment variable of the server has an unusable value; fatal at boot, message names it and the fix. */
public final class ServerConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServerConfigException(String message) {
        super(message, null, false, false);
    }
}
