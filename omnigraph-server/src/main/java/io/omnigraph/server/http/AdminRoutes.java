package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.AdminControl;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;

import java.util.Optional;

/**
 * Operator routes outside openapi.json: {@code POST /admin/reload} (check the ledger now and hot-swap a newer applied
 * revision) and {@code GET /admin/status} (served revision, quarantines, last reload attempt and failure). Both exist
 * only when the backend can reload ({@link ServedCluster#admin()}); otherwise they are unknown routes (404).
 *
 * <p>Authorization: the bearer middleware has already run. In Open mode (no authentication at all) they are allowed,
 * like every per-graph action. Otherwise the actor must be granted {@code admin} by the policy bundle of at least one
 * served graph; the default posture never grants it. Reload cannot change what is served beyond what an operator has
 * already applied to the ledger, so one graph's {@code admin} grant is enough.
 */
final class AdminRoutes {
    private AdminRoutes() {
    }

    static void register(Router router, Services s) {
        router.post("/admin/reload", ctx -> {
            AdminControl admin = authorize(ctx, s);
            Responses.json(ctx, admin.reload("admin"));
        });
        router.get("/admin/status", ctx -> {
            AdminControl admin = authorize(ctx, s);
            Responses.json(ctx, admin.status());
        });
    }

    private static AdminControl authorize(Context ctx, Services s) {
        AdminControl admin = s.cluster().admin().orElseThrow(() -> ApiException.notFound("no route for "
                + ctx.method().name() + " " + ctx.path()));
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        Optional<String> actor = caller == null ? Optional.empty() : caller.actor();
        if (actor.isEmpty()) {
            if (s.authorizer().state().requiresAuth()) {
                throw ApiException.unauthorized("missing bearer token");
            }
            return admin;
        }
        try (ServedCluster.Pinned pinned = s.cluster().pin()) {
            for (GraphService g : pinned.view().graphs()) {
                if (g.policy().isPresent() && s.authorizer().decide(actor, g.policy(), AccessRequest.of(Action.ADMIN),
                        "graph '" + g.graphId() + "'").allowed()) {
                    return admin;
                }
            }
        }
        throw ApiException.forbidden("forbidden: action 'admin' denied for actor '" + actor.get() + "': the admin routes"
                + " need a graph policy bundle that grants `admin` to the actor");
    }
}
