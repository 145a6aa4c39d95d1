package io.omnigraph.server.cluster;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.omnigraph.policy.AuthzRequest;
import io.omnigraph.policy.Decision;
import io.omnigraph.policy.cedar.PolicyEngine;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.PolicyDecision;
import io.omnigraph.server.authz.PolicyEvaluationException;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP gate's view of a compiled bundle: the same {@link PolicyEngine} the engine-layer gate of the graph uses
 * ({@code PolicyGate.cedar(engine)}), so both layers decide identically.
 *
 * <p>Decisions are memoized: a decision is a pure function of (actor, action, branch, target branch) and the
 * immutable compiled bundle, and one Cedar evaluation (JSON across JNI) costs far more than the rest of a read
 * request. The cache is bounded ({@value #CACHE_ENTRIES} entries) and lives as long as this object, i.e. one served
 * revision; evaluation failures are never cached.
 */
public final class CedarAccessPolicy implements AccessPolicy {
    static final int CACHE_ENTRIES = 10_000;

    private record Key(String actor, io.omnigraph.server.authz.Action action, Optional<String> branch,
                       Optional<String> target, Optional<String> query) {
    }

    private final PolicyEngine engine;
    private final Cache<Key, PolicyDecision> decisions = CacheBuilder.newBuilder().maximumSize(CACHE_ENTRIES).build();

    public CedarAccessPolicy(PolicyEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    public PolicyEngine engine() {
        return engine;
    }

    @Override
    public PolicyDecision evaluate(String actor, AccessRequest request) throws PolicyEvaluationException {
        Key key = new Key(actor, request.action(), request.branch(), request.targetBranch(), request.query());
        PolicyDecision cached = decisions.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        PolicyDecision d = decide(actor, request);
        decisions.put(key, d);
        return d;
    }

    private PolicyDecision decide(String actor, AccessRequest request) throws PolicyEvaluationException {
        io.omnigraph.policy.Action action = io.omnigraph.policy.Action.fromWireName(request.action().wire())
                .orElseThrow(() -> new PolicyEvaluationException("unknown action '" + request.action().wire() + "'"));
        Decision d;
        try {
            d = engine.authorize(new AuthzRequest(actor, action, request.branch(), request.targetBranch(),
                    request.query()));
        } catch (io.omnigraph.policy.PolicyEvaluationException e) {
            throw new PolicyEvaluationException(stripPrefix(e.getMessage()), e);
        }
        return new PolicyDecision(d.allowed(), d.matchedRuleId(), d.message());
    }

    /** The server adds {@code policy: } itself. */
    private static String stripPrefix(String m) {
        return m != null && m.startsWith("policy: ") ? m.substring("policy: ".length()) : String.valueOf(m);
    }

    @Override
    public String toString() {
        return "bundle '" + engine.bundle().name() + "' for " + engine.resource();
    }
}
