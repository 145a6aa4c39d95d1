package io.omnigraph.server.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request failure that becomes exactly one HTTP response: {@code status}, the {@link ErrorOutput} body and any
 * extra headers ({@code Retry-After}, {@code WWW-Authenticate}, {@code Content-Range}, …). Thrown anywhere in the
 * HTTP layer; the error handler writes it and never adds a stack trace.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ErrorOutput body;
    private final transient Map<String, String> headers;

    public ApiException(int status, ErrorOutput body) {
        this(status, body, Map.of());
    }

    public ApiException(int status, ErrorOutput body, Map<String, String> headers) {
        super(Objects.requireNonNull(body, "body").error(), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an ApiException carries a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public ErrorOutput body() {
        return body;
    }

    /** Extra response headers, in no particular order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A copy with one more response header. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiException(status, body, copy);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorOutput.of(ErrorCode.BAD_REQUEST, message));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, ErrorOutput.of(ErrorCode.UNAUTHORIZED, message), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorOutput.of(ErrorCode.FORBIDDEN, message));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorOutput.of(ErrorCode.NOT_FOUND, message));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorOutput.of(ErrorCode.CONFLICT, message));
    }

    public static ApiException internal(String message) {
        return new ApiException(500, ErrorOutput.of(ErrorCode.INTERNAL, message));
    }

    /** 413 with {@code resource_limit}; {@code code} is {@code bad_request} as for every resource limit. */
    public static ApiException tooLarge(String message, String resource, long limit, long actual) {
        return new ApiException(413, ErrorOutput.of(ErrorCode.BAD_REQUEST, message)
                .withResourceLimit(new ResourceLimitOutput(resource, limit, actual)));
    }

    /** 415 for a request body in the wrong media type. */
    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, ErrorOutput.of(ErrorCode.BAD_REQUEST, message));
    }
}
