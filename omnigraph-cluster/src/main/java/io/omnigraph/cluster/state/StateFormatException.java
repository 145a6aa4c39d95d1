package io.omnigraph.cluster.state;

import io.omnigraph.cluster.diag.ClusterCode;

/** state.json could not be understood: {@code invalid_state_json}, {@code unsupported_state_version}, … */
public final class StateFormatException extends Exception {
    private final ClusterCode code;

    public StateFormatException(ClusterCode code, String message) {
        super(message);
        this.code = code;
    }

    public ClusterCode code() {
        return code;
    }
}
