package io.omnigraph.server.http;

import io.omnigraph.server.api.GraphInfo;
import io.omnigraph.server.api.GraphListResponse;
import io.omnigraph.server.api.HealthOutput;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;

import java.util.Comparator;

/** {@code /healthz}, {@code /openapi.json} (both public) and {@code GET /graphs}. */
final class MetaRoutes {
    private MetaRoutes() {
    }

    static void register(Router router, Services s) {
        router.get("/healthz", ctx -> Responses.json(ctx, new HealthOutput("ok", s.config().version(),
                s.cluster().internalSchemaVersion(), s.config().sourceVersion())));

        router.get("/openapi.json", ctx -> {
            ctx.status(200);
            ctx.contentType("application/json");
            ctx.result(s.openApi().bytes());
        });

        router.get("/graphs", ctx -> {
            Caller caller = ctx.attribute(Caller.ATTRIBUTE);
            try (ServedCluster.Pinned pinned = s.cluster().pin()) {
                ServedCluster view = pinned.view();
                s.authorizer().require(caller.actor(), view.serverPolicy(), AccessRequest.of(Action.GRAPH_LIST),
                        "the server");
                Responses.json(ctx, new GraphListResponse(view.graphs().stream()
                        .sorted(Comparator.comparing(GraphService::graphId))
                        .map(g -> new GraphInfo(g.graphId(), g.uri()))
                        .toList()));
            }
        });
    }
}
