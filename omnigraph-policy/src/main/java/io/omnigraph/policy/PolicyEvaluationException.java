package io.omnigraph.policy;

/**
 * The Cedar engine failed to compile, validate or evaluate (a defect or an environment problem such as the native
 * library failing to load — never bad user input, which is a {@link PolicyValidationException}).
 */
public final class PolicyEvaluationException extends RuntimeException {
    private final PolicyErrorCode code;

    public PolicyEvaluationException(PolicyErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public PolicyEvaluationException(PolicyErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public PolicyErrorCode code() {
        return code;
    }
}
