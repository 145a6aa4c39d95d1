package io.omnigraph.server.authz;

/**
 * How the server authenticates and authorizes (cluster-server spec §4.3), decided once at boot by
 * {@link #classify}.
 *
 * <table>
 * <caption>classification</caption>
 * <tr><th>tokens</th><th>any bundle</th><th>--unauthenticated</th><th>state</th></tr>
 * <tr><td>no</td><td>no</td><td>no</td><td>refuse to start</td></tr>
 * <tr><td>no</td><td>no</td><td>yes</td><td>{@link #OPEN}</td></tr>
 * <tr><td>yes</td><td>no</td><td>any</td><td>{@link #DEFAULT_DENY}</td></tr>
 * <tr><td>no</td><td>yes</td><td>any</td><td>refuse to start</td></tr>
 * <tr><td>yes</td><td>yes</td><td>any</td><td>{@link #POLICY_ENABLED}</td></tr>
 * </table>
 */
public enum RuntimeState {
    /** No authentication; every per-graph action is allowed; {@code graph_list} is still denied. */
    OPEN,
    /** Bearer token required; only {@code read} is allowed (no policy bundle anywhere). */
    DEFAULT_DENY,
    /** Bearer token required; policy bundles decide (a graph without a bundle is read-only). */
    POLICY_ENABLED;

    /** Message of the refusal when there are neither tokens nor bundles and no explicit opt-in. */
    public static final String REFUSE_NO_AUTH = "omnigraph-server refuses to start without authentication: no bearer"
            + " tokens are configured. Set OMNIGRAPH_SERVER_BEARER_TOKENS_FILE, OMNIGRAPH_SERVER_BEARER_TOKENS_JSON or"
            + " OMNIGRAPH_SERVER_BEARER_TOKEN, or pass `--unauthenticated` (env OMNIGRAPH_UNAUTHENTICATED=1) to serve"
            + " without authentication for local development.";

    /** Message of the refusal when a policy bundle is bound but no token exists. */
    public static final String REFUSE_POLICY_WITHOUT_TOKENS = "omnigraph-server refuses to start: a policy file is"
            + " configured but no bearer tokens — every request would 401, because policies decide per actor and the"
            + " actor comes from the token. Configure tokens (OMNIGRAPH_SERVER_BEARER_TOKENS_FILE,"
            + " OMNIGRAPH_SERVER_BEARER_TOKENS_JSON or OMNIGRAPH_SERVER_BEARER_TOKEN) or remove the policy bindings"
            + " from cluster.yaml and re-apply.";

    /**
     * Classifies the runtime state.
     *
     * @throws RuntimeStateRefusal for the two refusal rows of the table
     */
    public static RuntimeState classify(boolean hasTokens, boolean anyBundle, boolean unauthenticated)
            throws RuntimeStateRefusal {
        if (hasTokens) {
            return anyBundle ? POLICY_ENABLED : DEFAULT_DENY;
        }
        if (anyBundle) {
            throw new RuntimeStateRefusal(REFUSE_POLICY_WITHOUT_TOKENS);
        }
        if (!unauthenticated) {
            throw new RuntimeStateRefusal(REFUSE_NO_AUTH);
        }
        return OPEN;
    }

    /** True when every protected route requires {@code Authorization: Bearer <token>}. */
    public boolean requiresAuth() {
        return this != OPEN;
    }
}
