package io.omnigraph.policy.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link PolicyGate} enforces, in one sentence the server logs at boot and {@code cluster status} /
 * {@code policy explain} print.
 *
 * @param kind        the posture
 * @param scope       {@code graph 'knowledge'} or {@code the server (cluster scope)} or {@code direct store access}
 * @param bundleName  the bound bundle, for {@link Kind#POLICY}
 * @param digest      the compiled policy set digest, for {@link Kind#POLICY}
 * @param description the sentence
 */
public record GatePosture(Kind kind, String scope, Optional<String> bundleName, Optional<String> digest,
                          String description) {
    /** The description of a graph with no bundle bound (spec §4.3 default posture). */
    public static final String NO_BUNDLE_GRAPH =
            "no bundle bound: read-only for authenticated actors (default deny)";
    /** The description of the server scope with no {@code cluster} bundle. */
    public static final String NO_BUNDLE_SERVER =
            "no cluster bundle bound: graph_list denied for everyone (default deny)";
    /** The description of direct store access. */
    public static final String UNRESTRICTED =
            "no policy installed (direct store access): every action allowed";

    public GatePosture {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(bundleName, "bundleName");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(description, "description");
    }

    public enum Kind {
        /** No policy at all: direct store access (CLI {@code --store}). */
        UNRESTRICTED("unrestricted"),
        /** No bundle bound to this scope: reads only for authenticated actors, graph_list never. */
        DEFAULT_DENY("default_deny"),
        /** A bundle is bound: Cedar decides. */
        POLICY("policy");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** {@code graph 'knowledge': no bundle bound: read-only for authenticated actors (default deny)}. */
    public String render() {
        return scope + ": " + description;
    }
}
