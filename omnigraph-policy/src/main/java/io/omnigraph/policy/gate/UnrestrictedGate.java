package io.omnigraph.policy.gate;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.DecisionBasis;

import java.util.Optional;

/** Direct store access: no policy installed, everything allowed. */
final class UnrestrictedGate implements PolicyGate {
    static final UnrestrictedGate INSTANCE = new UnrestrictedGate();
    private static final GatePosture POSTURE = new GatePosture(GatePosture.Kind.UNRESTRICTED, "direct store access",
            Optional.empty(), Optional.empty(), GatePosture.UNRESTRICTED);

    private UnrestrictedGate() {
    }

    @Override
    public Decision check(Optional<Actor> actor, Action action, GateScope scope) {
        return DecisionLog.log(actor, action, scope, Decision.allow("no policy installed (direct store access): "
                + "action '" + action.wireName() + "' allowed", DecisionBasis.UNRESTRICTED));
    }

    @Override
    public GatePosture posture() {
        return POSTURE;
    }
}
