package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.PolicyDecision;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;
import io.omnigraph.server.port.Writer;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request to a per-graph route, after the bearer middleware and the graph resolver: the resolved graph, the
 * caller and the shared services, with the gate and admission steps every handler uses.
 */
final class GraphCall {
    /** The server's graph-id rule. */
    static final Pattern GRAPH_ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");
    /** Ids that would collide with server routes. */
    static final Set<String> RESERVED_IDS = Set.of("policies", "healthz", "openapi", "graphs");

    /** A per-graph handler. */
    @FunctionalInterface
    interface GraphHandler {
        void handle(GraphCall call) throws Exception;
    }

    final Context ctx;
    final GraphService graph;
    final Caller caller;
    final Services services;
    /** The served-cluster revision pinned for this request. */
    final ServedCluster view;

    private GraphCall(Context ctx, GraphService graph, Caller caller, Services services, ServedCluster view) {
        this.ctx = ctx;
        this.graph = graph;
        this.caller = caller;
        this.services = services;
        this.view = view;
    }

    /**
     * The graph resolver (middleware step 2) in front of {@code handler}: 400 for an id that breaks the server rule,
     * 404 {@code graph '<id>' not found} for unknown and quarantined graphs.
     */
    static Handler resolve(Services services, GraphHandler handler) {
        return ctx -> {
            String id = ctx.pathParam("graph_id");
            if (!GRAPH_ID.matcher(id).matches() || RESERVED_IDS.contains(id)) {
                throw ApiException.badRequest("invalid graph id '" + Bodies.clip(id) + "': graph ids are 1-64 ASCII"
                        + " letters, digits or '-' and not one of policies, healthz, openapi, graphs");
            }
            // the whole request runs on one pinned revision of the served cluster (hot reload swaps beside it)
            try (ServedCluster.Pinned pinned = services.cluster().pin()) {
                GraphService graph = pinned.view().graph(id)
                        .orElseThrow(() -> ApiException.notFound("graph '" + id + "' not found"));
                Caller caller = ctx.attribute(Caller.ATTRIBUTE);
                handler.handle(new GraphCall(ctx, graph, caller == null ? Caller.ANONYMOUS : caller, services,
                        pinned.view()));
            }
        };
    }

    String scope() {
        return "graph '" + graph.graphId() + "'";
    }

    /** Gate: a denial is 403 {@code forbidden}. */
    void require(AccessRequest request) {
        services.authorizer().require(caller.actor(), graph.policy(), request, scope());
    }

    /** Gate without the 403 mapping (for routes that hide denials as 404 or report them in the body). */
    PolicyDecision decide(AccessRequest request) {
        return services.authorizer().decide(caller.actor(), graph.policy(), request, scope());
    }

    /** Admission (after the gate): a permit to close when the write is done, or 429. */
    AdmissionControl.Permit admit(long estimatedBytes) {
        return services.admission().admit(caller.admissionKey(), estimatedBytes);
    }

    Writer writer(Optional<String> ifGraphCommit) {
        return new Writer(caller.actor(), ifGraphCommit);
    }

    /** {@code /graphs/<id><suffix>}. */
    String path(String suffix) {
        return "/graphs/" + graph.graphId() + suffix;
    }

    long bodyLimit() {
        return services.config().limits().bodyBytes();
    }

    long loadBodyLimit() {
        return services.config().limits().loadBodyBytes();
    }
}
