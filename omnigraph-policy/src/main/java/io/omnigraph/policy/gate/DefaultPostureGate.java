package io.omnigraph.policy.gate;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.DecisionBasis;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.cedar.PolicyResource;

import java.util.Optional;

/**
 * A served scope with no bundle bound (spec §4.3): server-scoped action ⇒ deny always (even in open mode);
 * actor present ∧ action ≠ read ⇒ deny; actor absent outside open mode ⇒ deny (fail closed); else allow.
 */
final class DefaultPostureGate implements PolicyGate {
    private final PolicyResource resource;
    private final AuthMode mode;
    private final GatePosture posture;

    DefaultPostureGate(PolicyResource resource, AuthMode mode) {
        this.resource = resource;
        this.mode = mode;
        this.posture = new GatePosture(GatePosture.Kind.DEFAULT_DENY, resource.describe(), Optional.empty(),
                Optional.empty(), resource.kind() == BundleKind.GRAPH ? GatePosture.NO_BUNDLE_GRAPH
                : GatePosture.NO_BUNDLE_SERVER);
    }

    @Override
    public Decision check(Optional<Actor> actor, Action action, GateScope scope) {
        String who = actor.map(a -> "actor '" + a.id() + "'").orElse("an unauthenticated caller");
        Decision d;
        if (action.serverScoped()) {
            d = Decision.deny("policy denied action '" + action.wireName() + "' for " + who + ": no policy bundle is "
                    + "bound to the cluster scope, so graph_list is denied (bind a bundle with "
                    + "applies_to: [cluster] that allows graph_list)", DecisionBasis.DEFAULT_POSTURE);
        } else if (actor.isEmpty() && mode != AuthMode.OPEN) {
            d = Decision.deny("no actor was supplied for action '" + action.wireName() + "' on "
                    + resource.describe() + " and the server is not in open mode; refusing (fail closed) — "
                    + "authenticate with a bearer token", DecisionBasis.ACTOR_REQUIRED);
        } else if (actor.isPresent() && action != Action.READ) {
            d = Decision.deny("policy denied action '" + action.wireName() + "'" + where(scope) + " for " + who
                    + ": no policy bundle is bound to " + resource.describe()
                    + " (default deny: authenticated actors may only read; bind a bundle to grant more)",
                    DecisionBasis.DEFAULT_POSTURE);
        } else if (actor.isPresent()) {
            d = Decision.allow("no policy bundle is bound to " + resource.describe() + ": action 'read' allowed for "
                    + who + " (default posture: read-only)", DecisionBasis.DEFAULT_POSTURE);
        } else {
            d = Decision.allow("no policy bundle is bound to " + resource.describe() + " and no actor (open mode): "
                    + "action '" + action.wireName() + "' allowed", DecisionBasis.DEFAULT_POSTURE);
        }
        return DecisionLog.log(actor, action, scope, d);
    }

    private static String where(GateScope scope) {
        StringBuilder sb = new StringBuilder();
        scope.branch().ifPresent(b -> sb.append(" on branch '").append(b).append('\''));
        scope.targetBranch().ifPresent(t -> sb.append(" targeting branch '").append(t).append('\''));
        scope.query().ifPresent(q -> sb.append(" (query '").append(q).append("')"));
        return sb.toString();
    }

    @Override
    public GatePosture posture() {
        return posture;
    }
}
