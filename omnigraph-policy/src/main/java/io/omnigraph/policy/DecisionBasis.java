package io.omnigraph.policy;

/**
 * Why a {@link Decision} came out the way it did. Callers map it to transport status codes
 * (the server: {@link #ACTOR_REQUIRED} ⇒ 401, {@link #EVALUATION_ERROR} ⇒ 500, any other deny ⇒ 403).
 */
public enum DecisionBasis {
    /** Cedar evaluated the bound bundle (allow or deny). */
    POLICY("policy"),
    /** The actor is a member of no group of the bound bundle: denied without evaluation. */
    UNKNOWN_ACTOR("unknown_actor"),
    /** No bundle is bound to the scope: the default posture decided (spec §4.3). */
    DEFAULT_POSTURE("default_posture"),
    /** No policy is installed at all (direct store access): everything is allowed. */
    UNRESTRICTED("unrestricted"),
    /** A bundle is installed but no actor was threaded through: fail closed (spec §5.4). */
    ACTOR_REQUIRED("actor_required"),
    /** The policy engine failed; the request is denied (fail closed). */
    EVALUATION_ERROR("evaluation_error");

    private final String code;

    DecisionBasis(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
