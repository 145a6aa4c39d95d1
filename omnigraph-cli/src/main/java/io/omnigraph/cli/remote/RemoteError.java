package io.omnigraph.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An error answered by the server: its stable {@code code}, its message, and the whole structured body (merge
 * conflicts, precondition failure, …) so {@code --json} can print it. A lost {@code --if-commit} (412 or a
 * {@code precondition_failure} body) exits 4 like the embedded lane.
 */
public final class RemoteError extends CliException {
    private final int status;
    private final Optional<JsonNode> body;

    RemoteError(String code, String message, int exit, int status, Optional<JsonNode> body) {
        super(code, message, exit);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The server's error body when it was JSON. */
    public Optional<JsonNode> body() {
        return body;
    }

    /** The same error with another message (keeps code, exit code, status and body). */
    public RemoteError withMessage(String message) {
        return new RemoteError(code(), message, exitCode(), status, body);
    }

    public static RemoteError of(int status, byte[] bytes, String url) {
        JsonNode n = null;
        try {
            n = new ObjectMapper().readTree(bytes);
        } catch (Exception ignored) {
            // not JSON
        }
        if (n != null && n.isObject() && n.hasNonNull("error")) {
            String code = n.path("code").asText(defaultCode(status));
            boolean cas = status == 412 || n.has("precondition_failure");
            return new RemoteError(code, n.path("error").asText(), cas ? ExitCodes.PRECONDITION_FAILED : ExitCodes.ERROR,
                    status, Optional.of(n));
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        String message = switch (status) {
            case 401 -> "the server refused the bearer token (401) for " + url + "; run `omnigraph login <server>` or set"
                    + " OMNIGRAPH_BEARER_TOKEN";
            case 404 -> "not found (404): " + url + (text.isEmpty() ? "" : " — " + clip(text));
            default -> "the server answered " + status + " for " + url + (text.isEmpty() ? "" : ": " + clip(text));
        };
        return new RemoteError(defaultCode(status), message, ExitCodes.ERROR, status, Optional.empty());
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 412 -> "precondition_failure";
            case 413 -> "payload_too_large";
            case 429 -> "too_many_requests";
            case 503 -> "service_unavailable";
            default -> "remote_error";
        };
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
