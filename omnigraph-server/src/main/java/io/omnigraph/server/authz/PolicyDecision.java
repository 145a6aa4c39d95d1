package io.omnigraph.server.authz;

import java.util.Objects;
import java.util.Optional;

/** The outcome of one authorization question, with the deciding rule (when a policy matched) and a message. */
public record PolicyDecision(boolean allowed, Optional<String> matchedRule, String message) {
    public PolicyDecision {
        matchedRule = matchedRule == null ? Optional.empty() : matchedRule;
        Objects.requireNonNull(message, "message");
    }

    public static PolicyDecision allow(String message) {
        return new PolicyDecision(true, Optional.empty(), message);
    }

    public static PolicyDecision deny(String message) {
        return new PolicyDecision(false, Optional.empty(), message);
    }
}
