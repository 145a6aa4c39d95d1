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

/** Read-gated per-graph routes: snapshot, query, legacy read, schema, branches list and diff, commits. */
final class ReadRoutes {
    static final String MAIN = "main";
    /** Ceiling (and default) of entity changes in one branch diff. */
    static final int DIFF_LIMIT = 1000;

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

        router.get("/graphs/{graph_id}/branches/{branch}/diff", GraphCall.resolve(s, call -> {
            String branch = call.ctx.pathParam("branch");
            String target = Params.optional(call.ctx, "target").orElse(MAIN);
            boolean changes = Params.optional(call.ctx, "changes").map(v -> switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ApiException.badRequest("query parameter 'changes' must be true or false, got '"
                        + Bodies.clip(v) + "'");
            }).orElse(true);
            long limit = Params.nonNegative(call.ctx, "limit").orElse((long) DIFF_LIMIT);
            if (limit > DIFF_LIMIT) {
                throw ApiException.badRequest("query parameter 'limit' must be at most " + DIFF_LIMIT + ", got " + limit);
            }
            call.require(AccessRequest.onBranch(Action.READ, branch));
            call.require(AccessRequest.onBranch(Action.READ, target));
            Responses.json(call.ctx, call.graph.branchDiff(branch, target, changes, (int) limit));
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
