package io.omnigraph.policy.gate;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.AuthzRequest;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.DecisionBasis;
import io.omnigraph.policy.PolicyEvaluationException;
import io.omnigraph.policy.cedar.PolicyEngine;

import java.util.Optional;

/** A bundle is bound: Cedar decides; no actor ⇒ fail closed; engine failure ⇒ deny. */
final class CedarGate implements PolicyGate {
    private final PolicyEngine engine;
    private final GatePosture posture;

    CedarGate(PolicyEngine engine) {
        this.engine = engine;
        this.posture = new GatePosture(GatePosture.Kind.POLICY, engine.resource().describe(),
                Optional.of(engine.bundle().name()), Optional.of(engine.digest()),
                "policy bundle '" + engine.bundle().name() + "' bound: Cedar decides ("
                        + engine.bundle().rules().size() + " rules, " + engine.bundle().actors().size() + " actors)");
    }

    @Override
    public Decision check(Optional<Actor> actor, Action action, GateScope scope) {
        if (actor.isEmpty()) {
            return DecisionLog.log(actor, action, scope, Decision.deny("policy bundle '" + engine.bundle().name()
                    + "' is bound to " + engine.resource().describe() + " but no actor was supplied for action '"
                    + action.wireName() + "'; refusing (fail closed) — authenticate with a bearer token or pass --as",
                    DecisionBasis.ACTOR_REQUIRED));
        }
        AuthzRequest req = new AuthzRequest(actor.get().id(), action, scope.branch(), scope.targetBranch(),
                scope.query());
        Decision d;
        try {
            d = engine.authorize(req);
        } catch (PolicyEvaluationException e) {
            d = Decision.deny(e.getMessage(), DecisionBasis.EVALUATION_ERROR);
        }
        return DecisionLog.log(actor, action, scope, d);
    }

    @Override
    public GatePosture posture() {
        return posture;
    }
}
