package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.api.WireDecodingException;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.error.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading request bodies: media-type check (415), a hard size limit enforced while reading (413, also for chunked
 * bodies without {@code Content-Length}), and strict JSON decoding into a DTO (400 naming the field).
 */
final class Bodies {
    /** {@code resource_limit.resource} of the generic body limit. */
    static final String REQUEST_BODY_BYTES = "request_body_bytes";
    /** {@code resource_limit.resource} of {@code /load/ndjson}. */
    static final String GRAPH_BATCH_REQUEST_BYTES = "graph_batch_request_bytes";

    private Bodies() {
    }

    /** Decodes a required JSON body of at most {@code limit} bytes into {@code type}. */
    static <T> T json(Context ctx, long limit, Class<T> type) {
        requireMediaType(ctx, "application/json", true);
        byte[] bytes = read(ctx, limit, REQUEST_BODY_BYTES);
        if (isBlank(bytes)) {
            throw ApiException.badRequest("the request body is empty; send a JSON object");
        }
        try {
            return WireJson.read(bytes, type);
        } catch (WireDecodingException e) {
            throw ApiException.badRequest("invalid request body: " + e.getMessage());
        }
    }

    /**
     * Reads an optional JSON body: empty (or whitespace) means absent. When non-empty and a media type is given it
     * must be JSON.
     */
    static Optional<byte[]> optionalJson(Context ctx, long limit) {
        byte[] bytes = read(ctx, limit, REQUEST_BODY_BYTES);
        if (isBlank(bytes)) {
            return Optional.empty();
        }
        if (ctx.req().getContentType() != null) {
            requireMediaType(ctx, "application/json", true);
        }
        return Optional.of(bytes);
    }

    /** Reads a raw body of at most {@code limit} bytes; {@code resource} names the limit in the 413. */
    static byte[] read(Context ctx, long limit, String resource) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > limit) {
                throw closingUnlessDrained(tooLarge(declared, limit, resource, true), declared <= DRAIN_CAP && drain(in));
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            if (bytes.length > limit) {
                throw closingUnlessDrained(tooLarge(bytes.length, limit, resource, false), drain(in));
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: the client sent an incomplete body ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Decodes UTF-8 strictly; invalid sequences are a 400 naming the byte offset. */
    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(what + " is not valid UTF-8 text");
        }
    }

    /**
     * Requires the request's media type to be {@code expected} ({@code application/json} also accepts
     * {@code application/*+json}); parameters such as {@code charset} are ignored.
     */
    static void requireMediaType(Context ctx, String expected, boolean jsonFamily) {
        String raw = ctx.req().getContentType();
        String type = raw == null ? "" : raw.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean ok = type.equals(expected)
                || (jsonFamily && expected.equals("application/json") && type.startsWith("application/")
                && type.endsWith("+json"));
        if (!ok) {
            throw ApiException.unsupportedMediaType("unsupported media type: expected a request body with"
                    + " `Content-Type: " + expected + "`, got " + (raw == null ? "no Content-Type" : "`" + clip(raw) + "`"));
        }
    }

    /**
     * A body over the limit is still read to its end (up to {@value #DRAIN_CAP} bytes) before the 413 is sent: a
     * server that answers and closes while the client is still uploading makes the kernel reset the connection, and
     * the client then never sees the 413. Bodies beyond the cap are not read; the response says
     * {@code Connection: close}.
     */
    static final long DRAIN_CAP = 64L * 1024 * 1024;

    /** Reads and discards the rest of the body; true when it ended within {@link #DRAIN_CAP} bytes. */
    private static boolean drain(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > DRAIN_CAP) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ApiException closingUnlessDrained(ApiException e, boolean drained) {
        return drained ? e : e.withHeader("Connection", "close");
    }

    private static ApiException tooLarge(long actual, long limit, String resource, boolean declared) {
        String size = declared ? actual + " bytes" : "more than " + limit + " bytes";
        return ApiException.tooLarge("request body too large: " + size + " exceeds the limit of " + limit
                + " bytes for this route" + (resource.equals(GRAPH_BATCH_REQUEST_BYTES)
                ? "; split the NDJSON into smaller batches" : ""), resource, limit, actual);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
