package io.omnigraph.server.authz;

/** The server must not start in the configured authentication/policy combination; fatal at boot. */
public final class RuntimeStateRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    public RuntimeStateRefusal(String message) {
        super(message, null, false, false);
    }
}
