package io.omnigraph.server.testing;

import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.authz.PolicyDecision;
import io.omnigraph.server.authz.PolicyEvaluationException;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written policy for HTTP tests: each actor is granted a set of actions on any branch; unknown actors are
 * denied. Messages follow the policy module's wording. Records every question it was asked.
 */
public final class FakePolicy implements AccessPolicy {
    private final Map<String, Set<Action>> grants = new HashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile boolean broken;

    public FakePolicy grant(String actor, Action... actions) {
        grants.computeIfAbsent(actor, a -> EnumSet.noneOf(Action.class)).addAll(List.of(actions));
        return this;
    }

    /** Makes every evaluation fail (to exercise the 500 path). */
    public FakePolicy broken() {
        this.broken = true;
        return this;
    }

    /** "actor:action[:branch][>target]" for every evaluation, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public PolicyDecision evaluate(String actor, AccessRequest request) throws PolicyEvaluationException {
        asked.add(actor + ":" + request.action().wire() + request.branch().map(b -> ":" + b).orElse("")
                + request.targetBranch().map(t -> ">" + t).orElse(""));
        if (broken) {
            throw new PolicyEvaluationException("cedar evaluation failed (test)");
        }
        Set<Action> granted = grants.get(actor);
        if (granted == null) {
            return PolicyDecision.deny("policy denied action '" + request.action().wire() + "' for unknown actor '"
                    + actor + "'");
        }
        if (granted.contains(request.action())) {
            return new PolicyDecision(true, Optional.of("test-rule"), "policy allowed action '"
                    + request.action().wire() + "' for actor '" + actor + "'");
        }
        return PolicyDecision.deny("policy denied " + request.describe() + " for actor '" + actor + "'");
    }
}
