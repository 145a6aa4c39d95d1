package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.omnigraph.server.api.WireDecodingException;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.error.ErrorCode;
import io.omnigraph.server.error.ErrorOutput;
import io.omnigraph.server.port.Failure;
import io.omnigraph.server.port.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns every failure into one {@link ErrorOutput} response: the only place that chooses status codes for backend
 * failures (cluster-server spec §4.6). Unexpected exceptions become a 500 with an incident id; the stack trace goes
 * to the server log only.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** Maps a backend failure to its status and body. Exhaustive over {@link Failure}. */
    public static ApiException fromFailure(Failure failure) {
        String m = failure.message();
        return switch (failure) {
            case Failure.BadRequest f -> ApiException.badRequest(m);
            case Failure.NotFound f -> ApiException.notFound(m);
            case Failure.Conflict f -> ApiException.conflict(m);
            case Failure.DatasetVersionConflict f -> new ApiException(409,
                    ErrorOutput.of(ErrorCode.CONFLICT, m).withPublishedDatasetVersionConflict(f.detail()));
            case Failure.ReadSetConflict f -> new ApiException(409,
                    ErrorOutput.of(ErrorCode.CONFLICT, m).withReadSetConflict(f.detail()));
            case Failure.MergeConflicts f -> new ApiException(409,
                    ErrorOutput.of(ErrorCode.CONFLICT, m).withMergeConflicts(f.conflicts()));
            case Failure.KeyConflict f -> new ApiException(409,
                    ErrorOutput.of(ErrorCode.CONFLICT, m).withKeyConflict(f.detail()));
            case Failure.ChangeDiffRefused f -> new ApiException(409,
                    ErrorOutput.of(ErrorCode.CONFLICT, m).withChangeDiffRefusal(f.detail()));
            case Failure.ResourceLimit f -> new ApiException(413,
                    ErrorOutput.of(ErrorCode.BAD_REQUEST, m).withResourceLimit(f.detail()));
            case Failure.PolicyDenied f -> ApiException.forbidden(m);
            case Failure.PreconditionFailed f -> new ApiException(412,
                    ErrorOutput.message(m).withPreconditionFailure(f.detail()));
            case Failure.ChangeFeedGap f -> new ApiException(410, ErrorOutput.message(m).withChangeFeedGap(f.detail()));
            case Failure.ExternalBlobRefused f -> ApiException.badRequest(m);
            case Failure.ExternalBlobUnavailable f -> new ApiException(424,
                    ErrorOutput.message(m).withExternalBlobSource(f.detail()));
            case Failure.RecoveryRequired f -> new ApiException(503,
                    ErrorOutput.message(m).withRecoveryRequired(f.detail()));
            case Failure.Unavailable f -> new ApiException(503, ErrorOutput.message(m));
            case Failure.Internal f -> ApiException.internal(m);
        };
    }

    /** Converts any exception thrown while handling a request into the response to send. */
    static ApiException toApiException(Exception e, Context ctx, Router router) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof ServiceException service) {
            ApiException mapped = fromFailure(service.failure());
            if (mapped.status() >= 500) {
                LOG.error("{} {} failed in the backend: {}", ctx.method(), ctx.path(), service.getMessage(),
                        service.getCause());
            }
            return mapped;
        }
        if (e instanceof WireDecodingException decoding) {
            return ApiException.badRequest("invalid request body: " + decoding.getMessage());
        }
        if (e instanceof HttpResponseException http) {
            return fromFramework(http.getStatus(), ctx, router);
        }
        return internal(e, ctx);
    }

    /** A framework-generated status (unmatched route, wrong method, …) as an ErrorOutput. */
    static ApiException fromFramework(int status, Context ctx, Router router) {
        if (status == 404 || status == 405) {
            TreeSet<String> allowed = router.allowedMethods(ctx.path());
            if (!allowed.isEmpty() && !allowed.contains(ctx.method().name())) {
                return new ApiException(405, ErrorOutput.of(ErrorCode.METHOD_NOT_ALLOWED,
                        "method " + ctx.method().name() + " is not allowed for " + ctx.path() + "; allowed: "
                                + String.join(", ", allowed)), Map.of("Allow", String.join(", ", allowed)));
            }
            return ApiException.notFound("no route for " + ctx.method().name() + " " + ctx.path()
                    + (ctx.path().startsWith("/graphs/") ? "" : graphHint(ctx.path())));
        }
        return forStatus(status, null);
    }

    /** An ErrorOutput for a bare status produced outside our handlers (Jetty, the framework). */
    static ApiException forStatus(int status, String detail) {
        String reason = switch (status) {
            case 400 -> "bad request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "request timeout: the request was not received in time";
            case 413 -> "request body too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported media type";
            case 429 -> "too many requests";
            case 431 -> "request header fields too large";
            case 503 -> "service unavailable";
            default -> status >= 500 ? "internal server error" : "request rejected";
        };
        String message = detail == null || detail.isBlank() || reason.equalsIgnoreCase(detail)
                || reason.startsWith(detail.toLowerCase(java.util.Locale.ROOT)) ? reason : reason + ": " + detail;
        Optional<ErrorCode> code = switch (status) {
            case 400, 413, 414, 415, 431 -> Optional.of(ErrorCode.BAD_REQUEST);
            case 401 -> Optional.of(ErrorCode.UNAUTHORIZED);
            case 403 -> Optional.of(ErrorCode.FORBIDDEN);
            case 404 -> Optional.of(ErrorCode.NOT_FOUND);
            case 405 -> Optional.of(ErrorCode.METHOD_NOT_ALLOWED);
            case 409 -> Optional.of(ErrorCode.CONFLICT);
            case 429 -> Optional.of(ErrorCode.TOO_MANY_REQUESTS);
            default -> status >= 500 ? Optional.of(ErrorCode.INTERNAL) : Optional.empty();
        };
        int effective = status >= 400 && status <= 599 ? status : 500;
        ErrorOutput body = code.map(c -> ErrorOutput.of(c, message)).orElseGet(() -> ErrorOutput.message(message));
        return new ApiException(effective, body);
    }

    static ApiException internal(Throwable e, Context ctx) {
        String incident = UUID.randomUUID().toString();
        LOG.error("internal error (incident {}) in {} {}", incident, ctx.method(), ctx.path(), e);
        return ApiException.internal("internal server error (incident " + incident + "); see the server log");
    }

    /** Writes {@code e} as the response: status, extra headers, JSON body (none for HEAD). */
    static void write(Context ctx, ApiException e) {
        ctx.status(e.status());
        e.headers().forEach(ctx::header);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        if (ctx.method().name().equals("HEAD")) {
            ctx.result(new byte[0]);
        } else {
            ctx.result(WireJson.write(e.body()));
        }
    }

    private static String graphHint(String path) {
        String first = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
        return switch (first) {
            case "query", "read", "mutate", "change", "snapshot", "export", "load", "ingest", "branches", "commits",
                 "changes", "schema", "queries", "blob" -> "; per-graph routes live under /graphs/{graph_id}/"
                    + first + " (see GET /graphs for the served graph ids)";
            default -> "";
        };
    }
}
