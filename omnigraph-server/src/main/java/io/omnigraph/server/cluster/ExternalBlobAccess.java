package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The external-blob policy a served graph enforces (cluster-server spec §4.2 step 6): the ledger's normalized
 * policy projected to its {@code server_safe} bases only ({@code embedded_only} bases are for the embedded CLI and
 * are dropped). Missing policy = deny every external blob. A {@code server_safe} {@code file://} base can only come
 * from a forged ledger and refuses the graph.
 */
public final class ExternalBlobAccess {
    private final List<String> bases;

    private ExternalBlobAccess(List<String> bases) {
        this.bases = List.copyOf(bases);
    }

    public static ExternalBlobAccess deny() {
        return new ExternalBlobAccess(List.of());
    }

    /** The policy is unusable; the graph is quarantined. */
    public static final class Forged extends Exception {
        private static final long serialVersionUID = 1L;

        Forged(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Projects a normalized policy {@code {"mode":"allow","bases":[{uri, scope}]}} (empty = deny).
     *
     * @throws Forged for a {@code server_safe file://} base or a malformed policy
     */
    public static ExternalBlobAccess project(Optional<ObjectNode> policy) throws Forged {
        if (policy.isEmpty() || !"allow".equals(policy.get().path("mode").asText())) {
            return deny();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode b : policy.get().path("bases")) {
            String uri = b.path("uri").asText("");
            String scope = b.path("scope").asText("");
            if (!scope.equals("server_safe")) {
                continue;
            }
            if (uri.isEmpty() || uri.regionMatches(true, 0, "file:", 0, 5)) {
                throw new Forged("the applied external-blob policy lists `" + uri + "` as server_safe, which a valid"
                        + " cluster.yaml cannot declare (file:// bases are embedded_only); restore the ledger from a"
                        + " trusted copy or re-run `omnigraph cluster apply`");
            }
            out.add(uri.endsWith("/") ? uri : uri + "/");
        }
        return new ExternalBlobAccess(out);
    }

    /** True when the server may redirect a client to {@code uri} (it lies under a server-safe base, component-wise). */
    public boolean allows(String uri) {
        String normalized;
        try {
            URI u = new URI(uri).normalize();
            if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null || !u.isAbsolute()
                    || uri.contains("..")) {
                return false;
            }
            normalized = u.toString();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        for (String base : bases) {
            if (normalized.startsWith(base)) {
                return true;
            }
        }
        return false;
    }

    public List<String> bases() {
        return bases;
    }
}
