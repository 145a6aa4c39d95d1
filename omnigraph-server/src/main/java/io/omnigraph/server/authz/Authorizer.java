package io.omnigraph.server.authz;

import io.omnigraph.server.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The authorization step of every handler (cluster-server spec §4.3, {@code authorize(actor, engine?, request)}).
 *
 * <ul>
 *   <li>No policy for the scope: {@code graph_list} is denied always (even in Open mode); an authenticated actor may
 *       only {@code read}; without an actor (Open mode) everything else is allowed.</li>
 *   <li>Policy present: no actor ⇒ 401; evaluation failure ⇒ 500 {@code policy: …}; otherwise the policy decides.
 *       Such decisions are logged (actor, action, branch, target branch, allowed, matched rule) on logger
 *       {@code io.omnigraph.server.authz.decisions}: denials at INFO, allows at DEBUG.</li>
 * </ul>
 * Callers turn a denial into 403 {@code forbidden}, or into the route's own 404 where the spec hides existence.
 */
public final class Authorizer {
    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
    /** Policy decisions: denials at INFO, allows at DEBUG (one line per request would dominate a busy server). */
    private static final Logger DECISIONS = LoggerFactory.getLogger("io.omnigraph.server.authz.decisions");

    private final Supplier<RuntimeState> state;

    public Authorizer(RuntimeState state) {
        Objects.requireNonNull(state, "state");
        this.state = () -> state;
    }

    /**
     * An authorizer whose runtime state may change while serving (hot reload can move DefaultDeny ↔ PolicyEnabled
     * when an applied revision adds or removes every bundle; whether authentication is required never changes).
     */
    public Authorizer(Supplier<RuntimeState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    public RuntimeState state() {
        return state.get();
    }

    /**
     * Decides {@code request} for {@code actor} in a scope described by {@code scope} (e.g. "graph 'knowledge'").
     *
     * @param policy the bundle bound to that scope, if any
     * @throws ApiException 401 when a policy exists but no actor was authenticated; 500 when the policy fails
     */
    public PolicyDecision decide(Optional<String> actor, Optional<AccessPolicy> policy, AccessRequest request,
                                 String scope) {
        if (policy.isEmpty()) {
            return defaultDecision(actor, request, scope);
        }
        if (actor.isEmpty()) {
            throw ApiException.unauthorized("missing bearer token");
        }
        PolicyDecision decision;
        try {
            decision = Objects.requireNonNull(policy.get().evaluate(actor.get(), request), "policy decision");
        } catch (PolicyEvaluationException e) {
            LOG.error("policy evaluation failed for actor '{}', {} in {}: {}", actor.get(), request.describe(), scope,
                    e.getMessage());
            throw ApiException.internal("policy: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("policy evaluation failed for actor '{}', {} in {}", actor.get(), request.describe(), scope, e);
            throw ApiException.internal("policy: evaluation failed (" + e.getClass().getSimpleName() + ")");
        }
        if (decision.allowed() ? DECISIONS.isDebugEnabled() : DECISIONS.isInfoEnabled()) {
            String line = "policy decision: actor={} action={} branch={} target_branch={} allowed={} rule={} scope={}";
            Object[] args = {actor.get(), request.action().wire(), request.branch().orElse("-"),
                    request.targetBranch().orElse("-"), decision.allowed(), decision.matchedRule().orElse("-"), scope};
            if (decision.allowed()) {
                DECISIONS.debug(line, args);
            } else {
                DECISIONS.info(line, args);
            }
        }
        return decision;
    }

    /**
     * Like {@link #decide} but a denial becomes 403 {@code forbidden} carrying the decision message.
     */
    public void require(Optional<String> actor, Optional<AccessPolicy> policy, AccessRequest request, String scope) {
        PolicyDecision decision = decide(actor, policy, request, scope);
        if (!decision.allowed()) {
            throw ApiException.forbidden(decision.message());
        }
    }

    private PolicyDecision defaultDecision(Optional<String> actor, AccessRequest request, String scope) {
        if (request.action().serverScoped()) {
            return PolicyDecision.deny("forbidden: " + request.describe() + " requires a policy bundle bound to"
                    + " `cluster` that grants it; none is configured");
        }
        if (actor.isPresent() && request.action() != Action.READ) {
            String why = state.get() == RuntimeState.DEFAULT_DENY
                    ? "no policy bundle is configured, so authenticated actors may only read"
                    : "no policy bundle is bound to " + scope + ", so it is read-only";
            return PolicyDecision.deny("forbidden: " + request.describe() + " denied for actor '" + actor.get()
                    + "': " + why);
        }
        return PolicyDecision.allow(actor.isPresent() ? "default policy allows read" : "open mode allows " + request.describe());
    }
}
