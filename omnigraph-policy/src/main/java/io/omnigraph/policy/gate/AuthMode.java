package io.omnigraph.policy.gate;

/**
 * The server's runtime authorization state (spec §4.3), decided once at boot from three facts: are bearer tokens
 * configured, is any policy bundle applied (cluster or graph scope), was {@code --unauthenticated} passed.
 *
 * <pre>
 * tokens  bundle  --unauthenticated  state
 * no      no      no                 refuse to start
 * no      no      yes                OPEN            (no auth; per-graph actions allowed; graph_list denied)
 * yes     no      any                DEFAULT_DENY    (bearer required; only read)
 * no      yes     any                refuse to start (every request would 401)
 * yes     yes     any                POLICY_ENABLED  (bearer required; Cedar decides; unbound graphs read-only)
 * </pre>
 */
public enum AuthMode {
    OPEN("open", "Open: no authentication; every per-graph action allowed, graph_list denied"),
    DEFAULT_DENY("default_deny", "DefaultDeny: bearer token required; only read is allowed (no policy bundle applied)"),
    POLICY_ENABLED("policy_enabled", "PolicyEnabled: bearer token required; Cedar decides per bound bundle; "
            + "graphs without a bundle are read-only");

    private final String code;
    private final String description;

    AuthMode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    /** One line for the boot log. */
    public String description() {
        return description;
    }

    /** Whether protected routes require {@code Authorization: Bearer <token>}. */
    public boolean bearerRequired() {
        return this != OPEN;
    }

    /**
     * Decides the state.
     *
     * @throws RefusedException with the message to print when the server must refuse to start
     */
    public static AuthMode resolve(boolean hasTokens, boolean anyBundle, boolean unauthenticatedFlag) {
        if (hasTokens) {
            return anyBundle ? POLICY_ENABLED : DEFAULT_DENY;
        }
        if (anyBundle) {
            throw new RefusedException("policy file is configured but no bearer tokens — every request would 401; "
                    + "configure bearer tokens (OMNIGRAPH_SERVER_BEARER_TOKENS_JSON, "
                    + "OMNIGRAPH_SERVER_BEARER_TOKENS_FILE or OMNIGRAPH_SERVER_BEARER_TOKEN)");
        }
        if (unauthenticatedFlag) {
            return OPEN;
        }
        throw new RefusedException("no bearer tokens are configured and no policy bundle is applied; refusing to "
                + "serve without authentication — configure bearer tokens, or pass `--unauthenticated` to serve "
                + "openly (every per-graph action allowed)");
    }

    /** The server must not start; the message says why and how to fix it. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }

        public String code() {
            return "server_auth_refused";
        }
    }
}
