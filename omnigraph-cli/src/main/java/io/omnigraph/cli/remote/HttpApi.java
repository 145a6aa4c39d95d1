package io.omnigraph.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * A minimal JSON-over-HTTP client for {@code omnigraph-server} (java.net.http): structured, percent-encoded path
 * segments (a branch {@code a/b} is one {@code a%2Fb} segment), an optional bearer token, and error bodies
 * ({@code {"error", "code", …}}) turned into {@link RemoteError}s. Never logs or prints the token.
 */
public final class HttpApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final Optional<String> token;
    private final HttpClient client;

    public HttpApi(String base, Optional<String> token) {
        this.base = Endpoints.trim(base);
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String base() {
        return base;
    }

    /** {@code base + /seg1/seg2…} with each segment percent-encoded, plus a query string of the non-empty params. */
    public String url(List<String> segments, Map<String, List<String>> query) {
        StringBuilder sb = new StringBuilder(base);
        for (String s : segments) {
            sb.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, vs) -> vs.forEach(v -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        if (q.length() > 0) {
            sb.append('?').append(q);
        }
        return sb.toString();
    }

    public static Map<String, List<String>> query() {
        return new LinkedHashMap<>();
    }

    /** A response: status and body bytes. */
    public record Response(int status, byte[] body, HttpResponse<?> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CliException("remote_protocol", "the server answered " + status + " with a body that is not JSON: "
                        + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
            }
        }
    }

    public Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), HttpResponse.BodyHandlers.ofByteArray(), url);
    }

    /** {@code HEAD}: status and headers only (redirects are not followed). */
    public Response head(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray(), url);
    }

    /** {@code GET} with extra headers, streaming the body (the caller closes it; redirects are not followed). */
    public HttpResponse<InputStream> getStream(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(b::header);
        return sendRaw(b, HttpResponse.BodyHandlers.ofInputStream(), url);
    }

    public Response delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), HttpResponse.BodyHandlers.ofByteArray(), url);
    }

    public Response postJson(String url, JsonNode body, Map<String, String> headers) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new CliException("internal", "could not encode the request: " + e.getMessage());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(b::header);
        return send(b, HttpResponse.BodyHandlers.ofByteArray(), url);
    }

    public Response postBytes(String url, String contentType, Supplier<InputStream> body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body));
        return send(b, HttpResponse.BodyHandlers.ofByteArray(), url);
    }

    /** POSTs JSON and returns the streaming body (the caller closes it); error statuses are read and thrown. */
    public InputStream postJsonStream(String url, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new CliException("internal", "could not encode the request: " + e.getMessage());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        HttpResponse<InputStream> r = sendRaw(b, HttpResponse.BodyHandlers.ofInputStream(), url);
        if (r.statusCode() >= 300) {
            try (InputStream in = r.body()) {
                throw RemoteError.of(r.statusCode(), in.readAllBytes(), url);
            } catch (IOException e) {
                throw new CliException("remote_unreachable", "reading the error from " + url + " failed: " + e.getMessage());
            }
        }
        return r.body();
    }

    private <T> Response send(HttpRequest.Builder b, HttpResponse.BodyHandler<byte[]> handler, String url) {
        HttpResponse<byte[]> r = sendRaw(b, handler, url);
        return new Response(r.statusCode(), r.body() == null ? new byte[0] : r.body(), r);
    }

    private <T> HttpResponse<T> sendRaw(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler, String url) {
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        b.header("Accept", "application/json");
        try {
            return client.send(b.build(), handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CliException("remote_unreachable", "cannot reach " + base + " (" + describe(e) + "); is omnigraph-server"
                    + " running there? check --server / `servers:` in the operator config");
        } catch (HttpTimeoutException e) {
            throw new CliException("remote_unreachable", "request to " + url + " timed out");
        } catch (IOException e) {
            throw new CliException("remote_unreachable", "request to " + url + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", "interrupted while waiting for " + url);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Returns the JSON body of a 2xx response, else throws the server's error. */
    public JsonNode ok(Response r, String url) {
        if (r.status() >= 200 && r.status() < 300) {
            return r.json();
        }
        throw RemoteError.of(r.status(), r.body(), url);
    }
}
