package io.omnigraph.policy.gate;

import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.cedar.PolicyEngine;
import io.omnigraph.policy.cedar.PolicyResource;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one enforcement point. Every read and write path of the engine, every HTTP handler and every cluster operation
 * that acts on a graph calls {@link #check} (or {@link #enforce}) with the actor threaded from the caller, so the
 * embedded CLI, the server and the cluster obey identical rules.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #check} never throws for a denial: it returns a {@link Decision} whose {@link Decision#basis()} says
 *       why. It never returns {@code allowed == true} unless the action may proceed.</li>
 *   <li>Failures of the policy engine deny (fail closed) with basis {@code EVALUATION_ERROR}.</li>
 *   <li>A gate backed by a bundle denies with basis {@code ACTOR_REQUIRED} when no actor is threaded (spec §5.4:
 *       "when a checker is installed and no actor is threaded the write fails closed").</li>
 *   <li>Implementations are immutable and thread-safe.</li>
 * </ul>
 *
 * <p>Which gate to install (spec §4.3, §5.4):
 * <ul>
 *   <li>{@link #unrestricted()} — direct store access ({@code --store}): policy lives in the cluster/server.</li>
 *   <li>{@link #cedar(PolicyEngine)} — a bundle is bound to the scope: Cedar decides.</li>
 *   <li>{@link #defaultPosture(PolicyResource, AuthMode)} — served, but no bundle bound to the scope:
 *       {@code graph_list} is always denied; an authenticated actor may only {@code read}; with no actor, everything
 *       per-graph is allowed in {@link AuthMode#OPEN} and refused (fail closed) in the authenticated modes.</li>
 * </ul>
 */
public interface PolicyGate {

    /** Decides whether {@code actor} (empty when unauthenticated / not threaded) may perform {@code action}. */
    Decision check(Optional<Actor> actor, Action action, GateScope scope);

    /** What this gate enforces, for boot logs, {@code cluster status} and {@code policy explain}. */
    GatePosture posture();

    /**
     * Like {@link #check}, but throws when denied.
     *
     * @return the allowing decision (for logging the matched rule)
     * @throws PolicyDeniedException when the gate denies
     */
    default Decision enforce(Optional<Actor> actor, Action action, GateScope scope) {
        Decision d = check(actor, action, scope);
        if (!d.allowed()) {
            throw new PolicyDeniedException(d, action, scope);
        }
        return d;
    }

    /** The subset of {@code queryNames} that {@code actor} may invoke ({@code invoke_query} per name), in order. */
    default List<String> invocableQueries(Optional<Actor> actor, Collection<String> queryNames) {
        return queryNames.stream().filter(q -> check(actor, Action.INVOKE_QUERY, GateScope.query(q)).allowed())
                .toList();
    }

    /** No policy installed: every action allowed (direct store access). */
    static PolicyGate unrestricted() {
        return UnrestrictedGate.INSTANCE;
    }

    /** Cedar decides, over the bundle compiled in {@code engine}. */
    static PolicyGate cedar(PolicyEngine engine) {
        return new CedarGate(Objects.requireNonNull(engine, "engine"));
    }

    /**
     * The default posture of a served scope with no bundle bound (spec §4.3). {@code mode} decides what a request
     * without an actor gets: allowed in {@link AuthMode#OPEN} (there is no authentication), refused otherwise (the
     * server already answers 401 there; an engine path that forgot to thread its actor fails closed).
     */
    static PolicyGate defaultPosture(PolicyResource resource, AuthMode mode) {
        return new DefaultPostureGate(Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(mode));
    }

    /** The gate of graph {@code graphId} in a server: Cedar when a bundle is bound, else the default posture. */
    static PolicyGate forGraph(String graphId, Optional<PolicyEngine> engine, AuthMode mode) {
        return engine.map(PolicyGate::cedar).orElseGet(() -> defaultPosture(PolicyResource.graph(graphId), mode));
    }

    /** The server-scope gate ({@code graph_list}): Cedar when a {@code cluster} bundle is bound, else deny. */
    static PolicyGate forServer(Optional<PolicyEngine> engine, AuthMode mode) {
        return engine.map(PolicyGate::cedar).orElseGet(() -> defaultPosture(PolicyResource.server(), mode));
    }
}
