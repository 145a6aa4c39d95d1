package io.omnigraph.server.mcp;

import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Authorizer;
import io.omnigraph.server.authz.PolicyDecision;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;
import io.omnigraph.server.port.Writer;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling over MCP and the server pieces every tool goes through: the actor already resolved from the bearer
 * token by the HTTP layer (the MCP layer adds no authentication of its own), the same {@link Authorizer} and
 * {@link AdmissionControl} the HTTP routes use, and the pinned view of the served cluster the request runs on.
 *
 * @param actor      the authenticated actor, empty in Open mode
 * @param authorizer the policy gate of the HTTP routes
 * @param admission  per-actor admission control for writes
 * @param view       the served cluster revision pinned for this request
 * @param version    the server version (for {@code health})
 * @param sourceVersion the source revision the server was built from, if known
 */
public record McpCaller(Optional<String> actor, Authorizer authorizer, AdmissionControl admission, ServedCluster view,
                        String version, Optional<String> sourceVersion) {
    public McpCaller {
        actor = actor == null ? Optional.empty() : actor;
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(version, "version");
        sourceVersion = sourceVersion == null ? Optional.empty() : sourceVersion;
    }

    static String scope(GraphService graph) {
        return "graph '" + graph.graphId() + "'";
    }

    /** The gate decision for {@code request} on {@code graph} (no 403 mapping). */
    PolicyDecision decide(GraphService graph, AccessRequest request) {
        return authorizer.decide(actor, graph.policy(), request, scope(graph));
    }

    /** Whether the gate allows {@code request}; a policy that cannot answer counts as a denial here. */
    boolean allowed(GraphService graph, AccessRequest request) {
        try {
            return decide(graph, request).allowed();
        } catch (ApiException e) {
            return false;
        }
    }

    /** The gate as the HTTP routes run it: a denial is 403 {@code forbidden}. */
    void require(GraphService graph, AccessRequest request) {
        authorizer.require(actor, graph.policy(), request, scope(graph));
    }

    /** Admission for a write (after the gate): a permit to close when the write is done, or 429. */
    AdmissionControl.Permit admit(long estimatedBytes) {
        return admission.admit(actor.orElse(AdmissionControl.ANONYMOUS), estimatedBytes);
    }

    Writer writer(Optional<String> ifGraphCommit) {
        return new Writer(actor, ifGraphCommit);
    }
}
