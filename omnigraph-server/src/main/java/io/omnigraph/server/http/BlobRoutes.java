package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.error.BlobRangeOutput;
import io.omnigraph.server.error.ErrorCode;
import io.omnigraph.server.error.ErrorOutput;
import io.omnigraph.server.port.BlobHandle;
import io.omnigraph.server.port.BlobLocator;
import io.omnigraph.server.port.ReadTarget;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET}/{@code HEAD …/blob}: Blob delivery with HTTP conditional and range semantics (RFC 9110) evaluated here
 * from the backend's entity tag and length. Order: If-Match (412) → If-None-Match (304) → Range/If-Range (206/416)
 * → 200. External Blobs redirect (302) without conditional evaluation.
 */
final class BlobRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(BlobRoutes.class);
    static final String SNAPSHOT_HEADER = "Omnigraph-Snapshot-Id";

    private BlobRoutes() {
    }

    static void register(Router router, Services s) {
        router.getWithOwnHead("/graphs/{graph_id}/blob", GraphCall.resolve(s, call -> serve(call, false)));
        router.head("/graphs/{graph_id}/blob", GraphCall.resolve(s, call -> serve(call, true)));
    }

    private static void serve(GraphCall call, boolean head) throws Exception {
        Context ctx = call.ctx;
        EntityKind entity = Params.enumValue("entity", Params.required(ctx, "entity"), EntityKind.values());
        String type = Params.required(ctx, "type");
        String id = Params.required(ctx, "id");
        String property = Params.required(ctx, "property");
        ReadTarget target = ReadRoutes.readTarget(call, Params.optional(ctx, "branch"), Params.optional(ctx, "snapshot"));
        BlobHandle handle = call.graph.blob(new BlobLocator(entity, type, id, property, target));
        ctx.header(SNAPSHOT_HEADER, handle.snapshotId());
        switch (handle) {
            case BlobHandle.External external -> {
                ctx.status(302);
                ctx.header("Location", external.location());
                ctx.header("Cache-Control", "no-store");
                ctx.result(new byte[0]);
            }
            case BlobHandle.Managed managed -> serveManaged(ctx, managed, head);
        }
    }

    private static void serveManaged(Context ctx, BlobHandle.Managed blob, boolean head) throws Exception {
        String etag = "\"" + blob.etag() + "\"";
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        Optional<String> ifMatch = Optional.ofNullable(ctx.header("If-Match"));
        if (ifMatch.isPresent() && !matches(ifMatch.get(), blob.etag(), false)) {
            throw new ApiException(412, ErrorOutput.message("precondition failed: If-Match does not match the"
                    + " current entity tag " + etag), Map.of("ETag", etag, "Accept-Ranges", "bytes",
                    SNAPSHOT_HEADER, blob.snapshotId()));
        }
        Optional<String> ifNoneMatch = Optional.ofNullable(ctx.header("If-None-Match"));
        if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), blob.etag(), true)) {
            ctx.status(304);
            ctx.result(new byte[0]);
            return;
        }
        long start = 0;
        long end = blob.length();
        int status = 200;
        Optional<String> range = Optional.ofNullable(ctx.header("Range"));
        Optional<String> ifRange = Optional.ofNullable(ctx.header("If-Range"));
        boolean rangeApplies = range.isPresent() && (ifRange.isEmpty() || ifRange.get().trim().equals(etag));
        if (rangeApplies) {
            Optional<long[]> parsed = parseRange(range.get(), blob.length());
            if (parsed.isPresent()) {
                long[] r = parsed.get();
                if (r[0] >= blob.length() || r[0] >= r[1]) {
                    throw new ApiException(416, ErrorOutput.of(ErrorCode.BAD_REQUEST, "range not satisfiable: "
                            + Bodies.clip(range.get()) + " for a Blob of " + blob.length() + " bytes")
                            .withBlobRange(new BlobRangeOutput(r[0], Math.max(r[0], r[1]), blob.length())),
                            Map.of("Content-Range", "bytes */" + blob.length(), "ETag", etag, "Accept-Ranges", "bytes",
                                    SNAPSHOT_HEADER, blob.snapshotId()));
                }
                start = r[0];
                end = Math.min(r[1], blob.length());
                status = 206;
                ctx.header("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + blob.length());
            }
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setCharacterEncoding(null); // bytes, not text: no "; charset=" on the content type
        res.setContentType("application/octet-stream");
        res.setContentLengthLong(end - start);
        if (head) {
            return;
        }
        OutputStream out = res.getOutputStream();
        try (InputStream in = blob.content().open(start, end - start)) {
            long copied = in.transferTo(out);
            if (copied != end - start) {
                throw new java.io.IOException("Blob content ended after " + copied + " of " + (end - start) + " bytes");
            }
            out.flush();
        } catch (Exception e) {
            if (!res.isCommitted()) {
                res.resetBuffer();
                res.setContentLengthLong(-1);
                throw e;
            }
            LOG.warn("{} {}: Blob transfer failed after the response was committed; aborting: {}", ctx.method(),
                    ctx.path(), e.toString());
            ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
        }
    }

    /**
     * Whether an {@code If-Match}/{@code If-None-Match} list matches {@code tag}: {@code *} matches anything; weak
     * comparison ignores a {@code W/} prefix (If-None-Match), strong comparison rejects weak tags (If-Match).
     */
    static boolean matches(String header, String tag, boolean weak) {
        String quoted = "\"" + tag + "\"";
        for (String part : header.split(",")) {
            String t = part.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                if (!weak) {
                    continue;
                }
                t = t.substring(2);
            }
            if (t.equals(quoted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a single {@code bytes=} range into a half-open {@code [start, end)} (end clipped later). Anything the
     * server does not support (other units, several ranges, syntax errors) yields empty: the Range header is then
     * ignored and the whole Blob is sent, as RFC 9110 allows. An unsatisfiable range returns start ≥ length or
     * start ≥ end.
     */
    static Optional<long[]> parseRange(String header, long length) {
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) {
                if (!last.matches("[0-9]{1,18}")) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(last);
                if (suffix == 0) {
                    return Optional.of(new long[]{length, length});
                }
                return Optional.of(new long[]{Math.max(0, length - suffix), length});
            }
            if (!first.matches("[0-9]{1,18}") || !(last.isEmpty() || last.matches("[0-9]{1,18}"))) {
                return Optional.empty();
            }
            long a = Long.parseLong(first);
            if (last.isEmpty()) {
                return Optional.of(new long[]{a, Math.max(a, length)});
            }
            long b = Long.parseLong(last);
            if (b < a) {
                return Optional.empty();
            }
            return Optional.of(new long[]{a, b + 1});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
