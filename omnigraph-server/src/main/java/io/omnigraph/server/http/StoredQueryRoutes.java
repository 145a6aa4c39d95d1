package io.omnigraph.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.api.InvokeStoredQueryRequest;
import io.omnigraph.server.api.QueriesCatalogOutput;
import io.omnigraph.server.api.WireDecodingException;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.ReadTarget;
import io.omnigraph.server.port.StoredQuery;

import java.util.Optional;

/**
 * The stored-query catalog and invocation (cluster-server spec §4.7). A denied {@code invoke_query} answers exactly
 * like an unknown query (404 {@code stored query not found}), so callers cannot probe the registry.
 */
final class StoredQueryRoutes {
    static final String NOT_FOUND = "stored query not found";

    private StoredQueryRoutes() {
    }

    static void register(Router router, Services s) {
        router.get("/graphs/{graph_id}/queries", GraphCall.resolve(s, call -> {
            call.require(AccessRequest.onBranch(Action.READ, ReadRoutes.MAIN));
            Responses.json(call.ctx, new QueriesCatalogOutput(call.graph.storedQueries()));
        }));
        router.post("/graphs/{graph_id}/queries/{name}", GraphCall.resolve(s, call -> invoke(call, false)));
        router.post("/graphs/{graph_id}/queries/{name}/if-graph-commit", GraphCall.resolve(s, call -> invoke(call, true)));
    }

    private static void invoke(GraphCall call, boolean conditional) {
        String name = call.ctx.pathParam("name");
        Optional<String> ifCommit = Headers.ifGraphCommit(call.ctx,
                conditional ? Headers.Precondition.REQUIRED : Headers.Precondition.FORBIDDEN,
                call.path("/queries/" + name + "/if-graph-commit"));
        InvokeStoredQueryRequest req = parse(call);

        if (!call.decide(AccessRequest.invoke(name)).allowed()) {
            throw ApiException.notFound(NOT_FOUND);
        }
        StoredQuery query = call.graph.storedQuery(name).orElseThrow(() -> ApiException.notFound(NOT_FOUND));

        if (req.expectMutation().isPresent() && req.expectMutation().get() != query.mutation()) {
            throw ApiException.badRequest("'" + query.name() + "' is a " + (query.mutation() ? "mutation" : "read")
                    + " — use omnigraph " + (query.mutation() ? "mutate" : "query") + " " + query.name());
        }
        if (query.mutation()) {
            if (req.snapshot().isPresent()) {
                throw ApiException.badRequest("stored mutation cannot target a snapshot");
            }
            String branch = req.branch().orElse(ReadRoutes.MAIN);
            call.require(AccessRequest.onBranch(Action.CHANGE, branch));
            long estimate = name.length() + req.params().map(p -> (long) p.toString().length()).orElse(0L);
            try (AdmissionControl.Permit permit = call.admit(estimate)) {
                Responses.json(call.ctx, call.graph.runStoredMutation(name, req.params(), branch, call.writer(ifCommit)));
            }
            return;
        }
        if (conditional) {
            throw ApiException.badRequest("'" + query.name() + "' is a read; the if-graph-commit route only runs stored"
                    + " mutations — invoke it with POST " + call.path("/queries/" + query.name()));
        }
        ReadTarget target = ReadRoutes.readTarget(call, req.branch(), req.snapshot());
        Responses.json(call.ctx, call.graph.runStoredRead(name, req.params(), target));
    }

    /** The optional body: empty or JSON {@code null} means no inputs; anything else must be the request object. */
    private static InvokeStoredQueryRequest parse(GraphCall call) {
        Optional<byte[]> body = Bodies.optionalJson(call.ctx, call.bodyLimit());
        if (body.isEmpty()) {
            return InvokeStoredQueryRequest.EMPTY;
        }
        try {
            JsonNode tree = WireJson.readTree(body.get());
            if (tree.isNull()) {
                return InvokeStoredQueryRequest.EMPTY;
            }
            if (!tree.isObject()) {
                throw new WireDecodingException("expected a JSON object or null");
            }
            return WireJson.convert(tree, InvokeStoredQueryRequest.class);
        } catch (WireDecodingException e) {
            throw ApiException.badRequest("invalid stored-query invocation body: " + e.getMessage());
        }
    }
}
