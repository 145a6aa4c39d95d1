package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.api.ChangeBaselineOutput;
import io.omnigraph.server.api.ChangeBaselineRecord;
import io.omnigraph.server.api.ChangeBaselineRequest;
import io.omnigraph.server.api.ChangeOp;
import io.omnigraph.server.api.CommitOutput;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.api.ExportRequest;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.BaselineCapture;
import io.omnigraph.server.port.ChangeFeedRequest;
import io.omnigraph.server.port.ChangeFilter;
import io.omnigraph.server.port.ChangePageRequest;
import io.omnigraph.server.port.FeedPosition;
import io.omnigraph.server.port.StreamingBody;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Export, the change feed, commit changes and the baseline stream. */
final class StreamRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    static final String NDJSON = "application/x-ndjson";

    private StreamRoutes() {
    }

    static void register(Router router, Services s) {
        router.post("/graphs/{graph_id}/export", GraphCall.resolve(s, call -> {
            ExportRequest req = Bodies.json(call.ctx, call.bodyLimit(), ExportRequest.class);
            String branch = req.branch().orElse(ReadRoutes.MAIN);
            call.require(AccessRequest.onBranch(Action.EXPORT, branch));
            stream(call.ctx, call.graph.export(branch, req.typeNames()));
        }));

        router.post("/graphs/{graph_id}/changes/baseline", GraphCall.resolve(s, call -> {
            ChangeBaselineRequest req = Bodies.json(call.ctx, call.bodyLimit(), ChangeBaselineRequest.class);
            String branch = req.branch().orElse(ReadRoutes.MAIN);
            call.require(AccessRequest.onBranch(Action.EXPORT, branch));
            BaselineCapture capture = call.graph.changeBaseline(branch, new ChangeFilter(req.kind(), req.type(), req.op()));
            stream(call.ctx, out -> {
                ChangeBaselineOutput terminal = capture.writeRecords(out);
                out.write(WireJson.write(new ChangeBaselineRecord(terminal)));
                out.write('\n');
            });
        }));

        router.get("/graphs/{graph_id}/changes", GraphCall.resolve(s, call -> {
            String branch = Params.optional(call.ctx, "branch").orElse(ReadRoutes.MAIN);
            List<FeedPosition> given = new ArrayList<>();
            Params.optional(call.ctx, "cursor").ifPresent(v -> given.add(new FeedPosition.Cursor(v)));
            Params.optional(call.ctx, "start").ifPresent(v -> given.add(new FeedPosition.Start(v)));
            Params.optional(call.ctx, "page_token").ifPresent(v -> given.add(new FeedPosition.PageToken(v)));
            if (given.size() > 1) {
                throw ApiException.badRequest("give at most one of 'cursor', 'start' and 'page_token'");
            }
            ChangeFeedRequest request = new ChangeFeedRequest(branch, given.stream().findFirst(),
                    Params.nonNegative(call.ctx, "limit"), filter(call.ctx));
            call.require(AccessRequest.onBranch(Action.READ, branch));
            Responses.json(call.ctx, call.graph.changes(request));
        }));

        router.get("/graphs/{graph_id}/commits/{commit_id}/changes", GraphCall.resolve(s, call -> {
            String id = call.ctx.pathParam("commit_id");
            ChangePageRequest page = new ChangePageRequest(Params.optional(call.ctx, "page_token"),
                    Params.nonNegative(call.ctx, "limit"), filter(call.ctx));
            CommitOutput commit = call.graph.commit(id).orElseThrow(() -> ReadRoutes.commitNotFound(id));
            AccessRequest read = commit.graphBranch().map(b -> AccessRequest.onBranch(Action.READ, b))
                    .orElse(AccessRequest.of(Action.READ));
            if (!call.decide(read).allowed()) {
                throw ReadRoutes.commitNotFound(id);
            }
            Responses.json(call.ctx, call.graph.commitChanges(id, page));
        }));
    }

    private static ChangeFilter filter(Context ctx) {
        return new ChangeFilter(Params.enumList(ctx, "kind", EntityKind.values()), Params.list(ctx, "type"),
                Params.enumList(ctx, "op", ChangeOp.values()));
    }

    /**
     * Streams {@code body} as a 200 NDJSON response without buffering it. A failure before anything was sent becomes a
     * normal error response; a failure after the response was committed aborts the connection, so the client sees a
     * truncated transfer and never a well-formed partial result.
     */
    static void stream(Context ctx, StreamingBody body) throws Exception {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType(NDJSON);
        res.setHeader("Cache-Control", "no-store");
        OutputStream out = res.getOutputStream();
        try {
            body.writeTo(out);
            out.flush();
        } catch (Exception e) {
            if (!res.isCommitted()) {
                res.resetBuffer();
                res.setContentType(null);
                throw e;
            }
            LOG.warn("{} {}: stream failed after the response was committed; aborting the connection: {}",
                    ctx.method(), ctx.path(), e.toString());
            ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
        }
    }
}
