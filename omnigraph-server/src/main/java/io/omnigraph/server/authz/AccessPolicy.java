package io.omnigraph.server.authz;

/**
 * A compiled policy bundle bound to one scope (a graph, or the server for {@code graph_list}). This is the only
 * thing the HTTP layer needs from the policy module; the adapter over {@code io.omnigraph.policy.PolicyGate} is a
 * one-method class.
 *
 * <p>Contract: {@link #evaluate} is thread-safe and side-effect free, returns allow only when a rule permits the
 * request for {@code actor}, denies unknown actors, and throws {@link PolicyEvaluationException} (never returns a
 * decision) when it cannot evaluate — the server then answers 500 {@code policy: …}.
 */
@FunctionalInterface
public interface AccessPolicy {
    /** Decides whether authenticated {@code actor} may perform {@code request} in this policy's scope. */
    PolicyDecision evaluate(String actor, AccessRequest request) throws PolicyEvaluationException;
}
