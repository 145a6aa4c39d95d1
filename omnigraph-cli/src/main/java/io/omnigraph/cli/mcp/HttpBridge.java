package io.omnigraph.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forwards MCP messages from stdio to a Streamable-HTTP MCP endpoint: each message is one {@code POST} with the bearer
 * token; a JSON reply (or each {@code data:} event of an SSE reply) becomes one stdout line. The negotiated protocol
 * version and any {@code Mcp-Session-Id} the server hands out are sent back on later requests, so the bridge also
 * works with session-based servers. HTTP failures become JSON-RPC errors for requests (and a stderr line always),
 * so the agent sees why (e.g. 401: the token is wrong).
 */
final class HttpBridge {
    /** JSON-RPC error code used for transport failures (implementation-defined server error range). */
    static final int TRANSPORT_ERROR = -32000;

    private final URI endpoint;
    private final Optional<String> token;
    private final PrintStream err;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<String> protocolVersion = new AtomicReference<>();
    private final AtomicReference<String> sessionId = new AtomicReference<>();

    HttpBridge(URI endpoint, Optional<String> token, PrintStream err, Duration timeout) {
        this.endpoint = endpoint;
        this.token = token;
        this.err = err;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Handles one stdin message: the stdout lines to write (joined by newlines), or empty. */
    Optional<String> forward(String message) {
        JsonNode parsed;
        try {
            parsed = json.readTree(message);
        } catch (IOException e) {
            err.println("omnigraph mcp: ignoring a stdin line that is not JSON: " + e.getMessage());
            return Optional.of(error(null, -32700, "invalid JSON-RPC message: " + e.getMessage()));
        }
        JsonNode id = parsed.get("id");
        boolean request = parsed.isObject() && parsed.has("method") && id != null && !id.isNull();
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        Optional.ofNullable(protocolVersion.get()).ifPresent(v -> b.header("MCP-Protocol-Version", v));
        Optional.ofNullable(sessionId.get()).ifPresent(s -> b.header("Mcp-Session-Id", s));
        HttpResponse<InputStream> res;
        try {
            res = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String why = "cannot reach " + endpoint + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
            err.println("omnigraph mcp: " + why);
            return request ? Optional.of(error(id, TRANSPORT_ERROR, why)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return request ? Optional.of(error(id, TRANSPORT_ERROR, "interrupted")) : Optional.empty();
        }
        res.headers().firstValue("Mcp-Session-Id").ifPresent(sessionId::set);
        try (InputStream body = res.body()) {
            int status = res.statusCode();
            String type = res.headers().firstValue("Content-Type").orElse("");
            if (status == 202 || status == 204) {
                return Optional.empty();
            }
            if (status >= 200 && status < 300 && type.startsWith("text/event-stream")) {
                List<String> lines = sse(body);
                lines.forEach(this::remember);
                return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
            }
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (status >= 200 && status < 300) {
                String line = compact(text);
                remember(line);
                return line.isEmpty() ? Optional.empty() : Optional.of(line);
            }
            String why = "HTTP " + status + " from " + endpoint + errorText(text).map(t -> ": " + t).orElse("")
                    + (status == 401 ? " (check --token / OMNIGRAPH_TOKEN)" : "");
            err.println("omnigraph mcp: " + why);
            // a JSON-RPC error body (the SDK's own 4xx answers) is passed through as it is
            Optional<JsonNode> rpc = jsonRpcError(text);
            if (rpc.isPresent() && request) {
                ObjectNode o = (ObjectNode) rpc.get();
                o.set("id", id);
                return Optional.of(o.toString());
            }
            return request ? Optional.of(error(id, TRANSPORT_ERROR, why)) : Optional.empty();
        } catch (IOException e) {
            String why = "reading the reply from " + endpoint + " failed: " + e.getMessage();
            err.println("omnigraph mcp: " + why);
            return request ? Optional.of(error(id, TRANSPORT_ERROR, why)) : Optional.empty();
        }
    }

    /** Remembers the protocol version from an {@code initialize} result. */
    private void remember(String line) {
        try {
            JsonNode v = json.readTree(line).path("result").path("protocolVersion");
            if (v.isTextual()) {
                protocolVersion.set(v.asText());
            }
        } catch (IOException e) {
            // not JSON: nothing to remember
        }
    }

    private List<String> sse(InputStream body) throws IOException {
        List<String> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    out.add(compact(data.toString()));
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
        if (!data.isEmpty()) {
            out.add(compact(data.toString()));
        }
        return out;
    }

    private String compact(String text) {
        if (text.isBlank()) {
            return "";
        }
        try {
            return json.readTree(text).toString();
        } catch (IOException e) {
            return text.replace("\n", " ").replace("\r", " ");
        }
    }

    private Optional<String> errorText(String body) {
        try {
            JsonNode n = json.readTree(body);
            if (n.hasNonNull("error") && n.get("error").isTextual()) {
                return Optional.of(n.get("error").asText());
            }
            if (n.path("error").hasNonNull("message")) {
                return Optional.of(n.path("error").path("message").asText());
            }
        } catch (IOException e) {
            // not JSON
        }
        String t = body.strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t.length() > 300 ? t.substring(0, 300) + "…" : t);
    }

    private Optional<JsonNode> jsonRpcError(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n.isObject() && n.has("jsonrpc") && n.path("error").isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String error(JsonNode id, int code, String message) {
        ObjectNode o = json.createObjectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return o.toString();
    }
}
