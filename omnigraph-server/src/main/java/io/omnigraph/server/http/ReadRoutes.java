package io.omnigraph.server.http;

import io.omnigraph.server.api.BranchListOutput;
import io.omnigraph.server.api.CommitListOutput;
import io.omnigraph.server.api.CommitOutput;
import io.omnigraph.server.api.QueryRequest;
import io.omnigraph.server.api.ReadOutput;
import io.omnigraph.server.api.ReadRequest;
import io.omnigraph.server.api.SchemaOutput;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.QueryCall;
import io.omnigraph.server.port.ReadTarget;

import java.util.Optional;

/** Read-gated per-graph routes: snapshot, query, legacy read, schema, branches list, commits. */
final class ReadRoutes {
    static final String MAIN = "main";

    private ReadRoutes() {
    }

    static void register(Router router, Services s) {
        router.get("/graphs/{graph_id}/snapshot", GraphCall.resolve(s, call -> {
            String branch = Params.optional(call.ctx, "branch").orElse(MAIN);
            call.require(AccessRequest.onBranch(Action.READ, branch));
            Responses.json(call.ctx, call.graph.snapshot(branch));
        }));

        router.post("/graphs/{graph_id}/query", GraphCall.resolve(s, call -> {
            QueryRequest req = Bodies.json(call.ctx, call.bodyLimit(), QueryRequest.class);
            Responses.json(call.ctx, runQuery(call, req));
        }));

        router.post("/graphs/{graph_id}/read", GraphCall.resolve(s, call -> {
            Headers.deprecated(call.ctx, call.path("/query"));
            ReadRequest req = Bodies.json(call.ctx, call.bodyLimit(), ReadRequest.class);
            Responses.json(call.ctx, runQuery(call, req.toQueryRequest()).toLegacy());
        }));

        router.get("/graphs/{graph_id}/schema", GraphCall.resolve(s, call -> {
            call.require(AccessRequest.of(Action.READ));
            Responses.json(call.ctx, new SchemaOutput(call.graph.schemaSource()));
        }));

        router.get("/graphs/{graph_id}/branches", GraphCall.resolve(s, call -> {
            call.require(AccessRequest.of(Action.READ));
            Responses.json(call.ctx, new BranchListOutput(call.graph.branches().stream().sorted().toList()));
        }));

        router.get("/graphs/{graph_id}/commits", GraphCall.resolve(s, call -> {
            String branch = Params.optional(call.ctx, "branch").orElse(MAIN);
            call.require(AccessRequest.onBranch(Action.READ, branch));
            Responses.json(call.ctx, new CommitListOutput(call.graph.commits(branch)));
        }));

        router.get("/graphs/{graph_id}/commits/{commit_id}", GraphCall.resolve(s, call -> {
            call.require(AccessRequest.of(Action.READ));
            String id = call.ctx.pathParam("commit_id");
            CommitOutput commit = call.graph.commit(id).orElseThrow(() -> commitNotFound(id));
            Responses.json(call.ctx, commit);
        }));
    }

    static ApiException commitNotFound(String id) {
        return ApiException.notFound("commit '" + Bodies.clip(id) + "' not found");
    }

    /** Shared by {@code /query} and {@code /read}: target check, read gate on the (resolved) branch, execution. */
    static ReadOutput runQuery(GraphCall call, QueryRequest req) {
        ReadTarget target = readTarget(call, req.branch(), req.snapshot());
        return call.graph.query(new QueryCall(req.query(), req.name(), req.params(), target));
    }

    /**
     * Resolves {@code branch}/{@code snapshot} (mutually exclusive; default branch {@code main}) and runs the read
     * gate on the branch — for a snapshot, on the branch the snapshot belongs to.
     */
    static ReadTarget readTarget(GraphCall call, Optional<String> branch, Optional<String> snapshot) {
        if (branch.isPresent() && snapshot.isPresent()) {
            throw ApiException.badRequest("give either 'branch' or 'snapshot', not both");
        }
        if (snapshot.isPresent()) {
            String owner = call.graph.snapshotBranch(snapshot.get());
            call.require(AccessRequest.onBranch(Action.READ, owner));
            return ReadTarget.snapshot(snapshot.get());
        }
        String b = branch.orElse(MAIN);
        call.require(AccessRequest.onBranch(Action.READ, b));
        return ReadTarget.branch(b);
    }
}
