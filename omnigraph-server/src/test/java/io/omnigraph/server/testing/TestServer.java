package io.omnigraph.server.testing;

import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.auth.TokenConfigException;
import io.omnigraph.server.config.BindAddress;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.contract.OpenApiContract;
import io.omnigraph.server.http.OmnigraphServer;
import io.omnigraph.server.http.ServerStartException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server on a loopback port over a {@link FakeCluster}, plus an HTTP client whose every response is checked
 * against openapi.json ({@link OpenApiContract}). Headers are given as alternating name/value strings.
 */
public final class TestServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final OmnigraphServer server;
    private final String base;

    private TestServer(OmnigraphServer server) {
        this.server = server;
        this.base = server.baseUrl();
    }

    /** Open mode ({@code --unauthenticated}). */
    public static TestServer open(FakeCluster cluster) {
        return start(cluster, BearerTokens.none(), c -> c, true);
    }

    /** With these actor → token pairs. */
    public static TestServer withTokens(FakeCluster cluster, Map<String, String> tokens) {
        return withTokens(cluster, tokens, c -> c);
    }

    public static TestServer withTokens(FakeCluster cluster, Map<String, String> tokens, UnaryOperator<ServerConfig> tweak) {
        try {
            return start(cluster, BearerTokens.of(tokens, "test"), tweak, false);
        } catch (TokenConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static TestServer start(FakeCluster cluster, BearerTokens tokens, UnaryOperator<ServerConfig> tweak,
                                   boolean unauthenticated) {
        ServerConfig config = tweak.apply(ServerConfig.defaults(new BindAddress("127.0.0.1", 0), unauthenticated));
        try {
            return new TestServer(OmnigraphServer.start(config, tokens, cluster));
        } catch (ServerStartException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A validating client of an already started server (closing it stops that server). */
    public static TestServer over(OmnigraphServer server) {
        return new TestServer(server);
    }

    public OmnigraphServer server() {
        return server;
    }

    public String base() {
        return base;
    }

    public Resp get(String path, String... headers) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    public Resp head(String path, String... headers) {
        return send("HEAD", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    public Resp delete(String path, String... headers) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    /** POST with a JSON body ({@code Content-Type: application/json} unless a header overrides it). */
    public Resp post(String path, String json, String... headers) {
        String[] all = hasHeader(headers, "Content-Type") ? headers : concat(headers, "Content-Type", "application/json");
        return send("POST", path, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), all);
    }

    /** POST with raw bytes and exactly the given headers. */
    public Resp postRaw(String path, byte[] body, String... headers) {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Sends a request and validates the response against the contract. */
    public Resp send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Resp resp = new Resp(r.statusCode(), r.headers(), r.body());
            String rawPath = path.split("\\?", 2)[0];
            OpenApiContract.get().assertValid(method, rawPath, resp.status(), resp.headers(), resp.body());
            return resp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shared client, for tests that need streaming access. */
    public static HttpClient client() {
        return CLIENT;
    }

    @Override
    public void close() {
        server.close();
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean hasHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
