package io.omnigraph.server.http;

import io.omnigraph.server.console.ConsoleAssets;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code /ui} over real HTTP: public static files (no bearer token, even when the API requires one) with a strict
 * Content-Security-Policy, revalidation by ETag, and JSON 404s for anything that is not a bundled file. The data
 * routes stay behind the bearer middleware.
 */
class ConsoleHttpTest {
    static HttpResponse<String> get(TestServer s, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.server().baseUrl() + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return TestServer.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void consoleIsPublicButTheApiIsNot() throws Exception {
        assumeTrue(new ConsoleAssets().bundled(), "the console is not bundled (built with -Dconsole.skip=true)");
        try (TestServer s = TestServer.withTokens(FakeCluster.withKnowledge(), Map.of("act-reader", "s3cret"))) {
            HttpResponse<String> redirect = get(s, "/ui");
            assertThat(redirect.statusCode()).isEqualTo(301);
            assertThat(redirect.headers().firstValue("Location")).contains("/ui/");

            HttpResponse<String> index = get(s, "/ui/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(index.body()).contains("<div id=\"app\">").contains("/ui/assets/");
            assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
            String etag = index.headers().firstValue("ETag").orElseThrow();
            assertThat(get(s, "/ui/", "If-None-Match", etag).statusCode()).isEqualTo(304);

            String script = index.body().replaceAll("(?s).*src=\"/ui/(assets/[^\"]+\\.js)\".*", "$1");
            HttpResponse<String> js = get(s, "/ui/" + script);
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
            assertThat(js.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
            // the bundle talks to the API with the bearer token and keeps it in sessionStorage only
            assertThat(js.body()).contains("sessionStorage").doesNotContain("localStorage.setItem");

            HttpResponse<String> missing = get(s, "/ui/assets/nope.js");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(missing.body()).contains("no console file 'assets/nope.js'");
            assertThat(get(s, "/ui/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
            assertThat(get(s, "/ui/%2e%2e/io/omnigraph/server/openapi.json").statusCode()).isIn(400, 404);

            // the data behind the console still needs a token
            assertThat(get(s, "/graphs/knowledge/branches").statusCode()).isEqualTo(401);
            assertThat(get(s, "/graphs/knowledge/branches", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
            assertThat(get(s, "/uix").statusCode()).isEqualTo(401);
        }
    }
}
