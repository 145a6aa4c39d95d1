package io.omnigraph.server.http;

import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.api.BranchCreateRequest;
import io.omnigraph.server.api.BranchMergeOutcome;
import io.omnigraph.server.api.BranchMergeOutput;
import io.omnigraph.server.api.BranchMergeRequest;
import io.omnigraph.server.api.ChangeOutput;
import io.omnigraph.server.api.ChangeRequest;
import io.omnigraph.server.api.IngestOutput;
import io.omnigraph.server.api.IngestRequest;
import io.omnigraph.server.api.LoadMode;
import io.omnigraph.server.api.SchemaApplyRequest;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.authz.PolicyDecision;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.LoadCall;
import io.omnigraph.server.port.MutationCall;
import io.omnigraph.server.port.ServiceException;
import io.omnigraph.server.port.Writer;

import java.util.Optional;

/** Change-gated and admission-controlled per-graph routes. */
public final class WriteRoutes {
    /** The 409 of {@code POST …/schema/apply} in cluster-backed serving. */
    public static final String SCHEMA_APPLY_DISABLED = "server-side schema apply is disabled for cluster-backed serving;"
            + " update the cluster config, run `omnigraph cluster apply`, and restart";

    private WriteRoutes() {
    }

    static void register(Router router, Services s) {
        router.post("/graphs/{graph_id}/mutate", GraphCall.resolve(s, call -> mutate(call, Headers.Precondition.FORBIDDEN)));
        router.post("/graphs/{graph_id}/mutate/if-graph-commit",
                GraphCall.resolve(s, call -> mutate(call, Headers.Precondition.REQUIRED)));
        router.post("/graphs/{graph_id}/change", GraphCall.resolve(s, call -> {
            Headers.deprecated(call.ctx, call.path("/mutate"));
            mutate(call, Headers.Precondition.FORBIDDEN);
        }));

        router.post("/graphs/{graph_id}/load", GraphCall.resolve(s, call -> Responses.json(call.ctx, loadJson(call))));
        router.post("/graphs/{graph_id}/ingest", GraphCall.resolve(s, call -> {
            Headers.deprecated(call.ctx, call.path("/load"));
            Responses.json(call.ctx, loadJson(call));
        }));
        router.post("/graphs/{graph_id}/load/ndjson", GraphCall.resolve(s, WriteRoutes::loadNdjson));

        router.post("/graphs/{graph_id}/branches", GraphCall.resolve(s, call -> {
            BranchCreateRequest req = Bodies.json(call.ctx, call.bodyLimit(), BranchCreateRequest.class);
            String from = req.from().orElse(ReadRoutes.MAIN);
            call.require(AccessRequest.between(Action.BRANCH_CREATE, from, req.name()));
            try (AdmissionControl.Permit permit = call.admit(AdmissionControl.BRANCH_OPERATION_BYTES)) {
                Responses.json(call.ctx, call.graph.createBranch(req.name(), from, call.writer(Optional.empty())));
            }
        }));

        router.delete("/graphs/{graph_id}/branches/{branch}", GraphCall.resolve(s, call -> {
            String branch = call.ctx.pathParam("branch");
            call.require(AccessRequest.targeting(Action.BRANCH_DELETE, branch));
            try (AdmissionControl.Permit permit = call.admit(AdmissionControl.BRANCH_OPERATION_BYTES)) {
                Responses.json(call.ctx, call.graph.deleteBranch(branch, call.writer(Optional.empty())));
            }
        }));

        router.post("/graphs/{graph_id}/branches/merge", GraphCall.resolve(s, WriteRoutes::merge));

        router.post("/graphs/{graph_id}/schema/apply", GraphCall.resolve(s, call -> {
            Bodies.json(call.ctx, call.bodyLimit(), SchemaApplyRequest.class);
            call.require(AccessRequest.targeting(Action.SCHEMA_APPLY, ReadRoutes.MAIN));
            throw ApiException.conflict(SCHEMA_APPLY_DISABLED);
        }));
    }

    private static void mutate(GraphCall call, Headers.Precondition precondition) {
        Optional<String> ifCommit = Headers.ifGraphCommit(call.ctx, precondition, call.path("/mutate/if-graph-commit"));
        ChangeRequest req = Bodies.json(call.ctx, call.bodyLimit(), ChangeRequest.class);
        String branch = req.branch().orElse(ReadRoutes.MAIN);
        call.require(AccessRequest.onBranch(Action.CHANGE, branch));
        long estimate = req.query().length() + req.params().map(p -> (long) p.toString().length()).orElse(0L);
        try (AdmissionControl.Permit permit = call.admit(estimate)) {
            ChangeOutput out = call.graph.mutate(new MutationCall(req.query(), req.name(), req.params(), branch,
                    call.writer(ifCommit)));
            Responses.json(call.ctx, out);
        }
    }

    private static IngestOutput loadJson(GraphCall call) {
        Headers.ifGraphCommit(call.ctx, Headers.Precondition.FORBIDDEN, call.path("/mutate/if-graph-commit"));
        IngestRequest req = Bodies.json(call.ctx, call.loadBodyLimit(), IngestRequest.class);
        return load(call, req.data(), req.branch(), req.from(), req.mode());
    }

    private static void loadNdjson(GraphCall call) {
        Headers.ifGraphCommit(call.ctx, Headers.Precondition.FORBIDDEN, call.path("/mutate/if-graph-commit"));
        Optional<String> branch = Params.optional(call.ctx, "branch").filter(v -> !v.isEmpty());
        Optional<String> from = Params.optional(call.ctx, "from").filter(v -> !v.isEmpty());
        Optional<LoadMode> mode = Params.optional(call.ctx, "mode").filter(v -> !v.isEmpty())
                .map(v -> Params.enumValue("mode", v, LoadMode.values()));
        Bodies.requireMediaType(call.ctx, "application/x-ndjson", false);
        byte[] body = Bodies.read(call.ctx, call.loadBodyLimit(), Bodies.GRAPH_BATCH_REQUEST_BYTES);
        String data = Bodies.utf8(body, "the NDJSON body");
        Responses.json(call.ctx, load(call, data, branch, from, mode).withoutUri());
    }

    /**
     * The load algorithm shared by the three load routes: change gate on the branch; a missing branch is a 404
     * without {@code from}, else needs {@code branch_create} from {@code from}; then admission and the backend.
     */
    private static IngestOutput load(GraphCall call, String data, Optional<String> branchParam, Optional<String> from,
                                     Optional<LoadMode> mode) {
        String branch = branchParam.orElse(ReadRoutes.MAIN);
        call.require(AccessRequest.onBranch(Action.CHANGE, branch));
        if (!call.graph.branchExists(branch)) {
            if (from.isEmpty()) {
                throw ApiException.notFound("branch '" + Bodies.clip(branch) + "' not found; pass \"from\" to create it"
                        + " from an existing branch");
            }
            call.require(AccessRequest.between(Action.BRANCH_CREATE, from.get(), branch));
        }
        try (AdmissionControl.Permit permit = call.admit(data.length())) {
            return call.graph.load(new LoadCall(data, branch, from, mode.orElse(LoadMode.MERGE),
                    call.writer(Optional.empty())));
        }
    }

    private static void merge(GraphCall call) {
        BranchMergeRequest req = Bodies.json(call.ctx, call.bodyLimit(), BranchMergeRequest.class);
        String target = req.target().orElse(ReadRoutes.MAIN);
        call.require(AccessRequest.between(Action.BRANCH_MERGE, req.source(), target));
        try (AdmissionControl.Permit permit = call.admit(AdmissionControl.BRANCH_OPERATION_BYTES)) {
            Writer writer = call.writer(Optional.empty());
            BranchMergeOutcome outcome = call.graph.mergeBranch(req.source(), target, writer);
            Optional<Boolean> deleted = Optional.empty();
            Optional<String> deleteError = Optional.empty();
            if (req.deleteBranch()) {
                // the merge has landed: a refused or failed deletion is reported, never turned into an error
                PolicyDecision decision;
                try {
                    decision = call.decide(AccessRequest.targeting(Action.BRANCH_DELETE, req.source()));
                } catch (ApiException e) {
                    decision = PolicyDecision.deny(e.getMessage());
                }
                if (!decision.allowed()) {
                    deleted = Optional.of(false);
                    deleteError = Optional.of(decision.message());
                } else {
                    try {
                        call.graph.deleteBranch(req.source(), writer);
                        deleted = Optional.of(true);
                    } catch (ServiceException e) {
                        deleted = Optional.of(false);
                        deleteError = Optional.of(e.getMessage());
                    }
                }
            }
            Responses.json(call.ctx, new BranchMergeOutput(req.source(), target, outcome, call.caller.actor(),
                    deleted, deleteError));
        }
    }
}
