package io.omnigraph.server.authz;

/** A policy could not be evaluated (engine error); the request fails with 500 {@code policy: <message>}. */
public final class PolicyEvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyEvaluationException(String message) {
        super(message);
    }

    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
