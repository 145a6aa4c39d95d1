package io.omnigraph.policy.gate;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.Decision;

import java.util.Objects;

/**
 * Thrown by {@link PolicyGate#enforce} when the gate denies. Engine code lets it propagate (or wraps it in its own
 * error type); the server maps {@link Decision#basis()} to 401/403/500.
 */
public final class PolicyDeniedException extends RuntimeException {
    private final Decision decision;
    private final Action action;
    private final GateScope scope;

    public PolicyDeniedException(Decision decision, Action action, GateScope scope) {
        super(decision.message());
        if (decision.allowed()) {
            throw new IllegalArgumentException("an allowed decision is not a denial");
        }
        this.decision = decision;
        this.action = Objects.requireNonNull(action);
        this.scope = Objects.requireNonNull(scope);
    }

    public Decision decision() {
        return decision;
    }

    public Action action() {
        return action;
    }

    public GateScope scope() {
        return scope;
    }

    /** The stable code: {@code policy_denied}, or {@code policy_actor_required} / {@code policy_evaluation_error}. */
    public String code() {
        return switch (decision.basis()) {
            case ACTOR_REQUIRED -> "policy_actor_required";
            case EVALUATION_ERROR -> "policy_evaluation_error";
            case POLICY, UNKNOWN_ACTOR, DEFAULT_POSTURE, UNRESTRICTED -> "policy_denied";
        };
    }
}
