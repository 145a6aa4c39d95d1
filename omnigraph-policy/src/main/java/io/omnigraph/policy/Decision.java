package io.omnigraph.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one authorization.
 *
 * @param allowed       whether the action may proceed
 * @param matchedRuleId the bundle rule that allowed it (lexicographically smallest among the determining rules);
 *                      empty for denies and for decisions taken without a bundle
 * @param message       the user-facing sentence, exactly as spec §5.3 words it for Cedar decisions
 * @param basis         what decided (Cedar, the default posture, fail-closed …)
 */
public record Decision(boolean allowed, Optional<String> matchedRuleId, String message, DecisionBasis basis) {
    public Decision {
        Objects.requireNonNull(matchedRuleId, "matchedRuleId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(basis, "basis");
    }

    /** A decision taken by Cedar over a bound bundle. */
    public Decision(boolean allowed, Optional<String> matchedRuleId, String message) {
        this(allowed, matchedRuleId, message, DecisionBasis.POLICY);
    }

    public static Decision allow(String message, DecisionBasis basis) {
        return new Decision(true, Optional.empty(), message, basis);
    }

    public static Decision deny(String message, DecisionBasis basis) {
        return new Decision(false, Optional.empty(), message, basis);
    }

    /** {@code "allow"} or {@code "deny"}. */
    public String verdict() {
        return allowed ? "allow" : "deny";
    }
}
