package io.omnigraph.server.auth;

import io.omnigraph.server.error.ApiException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bearer middleware's decision for one request. When authentication is required the request must carry exactly
 * one {@code Authorization: Bearer <token>} header (case-sensitive scheme, one space); the actor is the one bound to
 * the token and nothing else in the request can set or override it. Tokens are never logged.
 */
public final class Authenticator {
    static final String PREFIX = "Bearer ";

    private final BearerTokens tokens;
    private final boolean required;

    /**
     * @param required whether protected routes need a token (false only in Open mode, where every request is
     *                 anonymous and any {@code Authorization} header is ignored)
     */
    public Authenticator(BearerTokens tokens, boolean required) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.required = required;
    }

    public boolean required() {
        return required;
    }

    /**
     * The authenticated actor for a request with these {@code Authorization} header values.
     *
     * @return the actor id; empty in Open mode
     * @throws ApiException 401 {@code missing bearer token} when no Bearer credential is present, 401
     *                      {@code invalid bearer token} when it matches no configured token (or is ambiguous)
     */
    public Optional<String> authenticate(List<String> authorizationValues) {
        if (!required) {
            return Optional.empty();
        }
        List<String> bearer = authorizationValues.stream().filter(v -> v.startsWith(PREFIX)).toList();
        if (bearer.isEmpty()) {
            throw ApiException.unauthorized("missing bearer token");
        }
        if (authorizationValues.size() > 1) {
            throw ApiException.unauthorized("invalid bearer token");
        }
        String token = bearer.get(0).substring(PREFIX.length());
        if (token.isEmpty()) {
            throw ApiException.unauthorized("invalid bearer token");
        }
        return Optional.of(tokens.authenticate(token).orElseThrow(() -> ApiException.unauthorized("invalid bearer token")));
    }
}
