package io.omnigraph.policy.gate;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Logs every gate decision (spec §4.3) under logger {@code io.omnigraph.policy.decisions} at DEBUG. */
final class DecisionLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.omnigraph.policy.decisions");

    private DecisionLog() {
    }

    static Decision log(Optional<Actor> actor, Action action, GateScope scope, Decision d) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("authz actor={} action={} branch={} target_branch={} query={} allowed={} matched_rule={} basis={}",
                    actor.map(Actor::id).orElse("-"), action.wireName(), scope.branch().orElse("-"),
                    scope.targetBranch().orElse("-"), scope.query().orElse("-"), d.allowed(),
                    d.matchedRuleId().orElse("-"), d.basis().code());
        }
        return d;
    }
}
