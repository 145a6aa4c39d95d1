package io.omnigraph.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.server.contract.OpenApiContract;
import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Graph-id rules, path tricks, flat paths, unknown routes and wrong methods. */
class GraphRoutingHttpTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(new FakeCluster().add(new FakeGraph("knowledge")).add(new FakeGraph("a-1"))
                .quarantine("sick", "failed to open"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void validIdsResolve() {
        assertThat(server.get("/graphs/knowledge/snapshot").status()).isEqualTo(200);
        assertThat(server.get("/graphs/a-1/snapshot").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "under_score", "dot.ted", "sp%20ace", "%C3%A4", "gr%C3%A4ph", "%E2%80%AEevil", "a%2Fb", "a%5Cb", "..",
            "%2e%2e", "%00", "a%0Ab", "policies", "healthz", "openapi", "graphs", "a+b", "~x",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void idsBreakingTheServerRuleAre400(String id) {
        Resp r = server.get("/graphs/" + id + "/snapshot");
        assertThat(r.status()).as(id + " -> " + r).isEqualTo(400);
        assertThat(r.code()).isEqualTo("bad_request");
        if (!id.equals("%00")) {
            assertThat(r.error()).startsWith("invalid graph id");
        } // a NUL byte is rejected by Jetty before routing, still as ErrorOutput 400
    }

    @Test
    void sixtyFourCharactersIsTheLimit() {
        Resp r = server.get("/graphs/" + "a".repeat(64) + "/snapshot");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("graph '" + "a".repeat(64) + "' not found");
    }

    @Test
    void unknownAndQuarantinedGraphsAreIndistinguishable() {
        Resp sick = server.get("/graphs/sick/snapshot");
        Resp none = server.get("/graphs/none/snapshot");
        assertThat(sick.status()).isEqualTo(404);
        assertThat(sick.json()).isEqualTo(new ObjectMapper().createObjectNode().put("error", "graph 'sick' not found")
                .put("code", "not_found"));
        assertThat(none.json().path("error").asText()).isEqualTo("graph 'none' not found");
        assertThat(server.post("/graphs/sick/query", "{\"query\":\"x\"}").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/query", "/snapshot", "/mutate", "/read", "/change", "/export", "/load", "/branches",
            "/commits", "/schema", "/queries", "/changes", "/blob", "/graphs/knowledge", "/graphs/knowledge/nope",
            "/graphs/knowledge/query/extra", "/", "/api/graphs", "/graphs/knowledge/queries/find_person/x/y"})
    void flatAndUnknownPathsAre404(String path) {
        Resp get = server.get(path);
        Resp post = server.post(path, "{}");
        for (Resp r : new Resp[]{get, post}) {
            if (r.status() == 405) {
                continue; // a known path with the other method
            }
            assertThat(r.status()).as(path + " " + r).isEqualTo(404);
            assertThat(r.code()).isEqualTo("not_found");
        }
        assertThat(get.status() == 404 || post.status() == 404).isTrue();
    }

    @Test
    void flatPathHintsAtTheGraphScopedRoute() {
        assertThat(server.post("/query", "{}").error()).contains("/graphs/{graph_id}/query");
    }

    @Test
    void wrongMethodOnAKnownPathIs405WithAllow() {
        Resp r = server.get("/graphs/knowledge/query");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.code()).isEqualTo("method_not_allowed");
        assertThat(r.header("Allow")).contains("POST");
        Resp put = server.send("PUT", "/graphs/knowledge/branches", java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow").orElseThrow()).contains("GET").contains("POST");
        assertThat(server.delete("/healthz").status()).isEqualTo(405);
    }

    /** Requests the client library would normalise are sent byte-for-byte over a socket. */
    @ParameterizedTest
    @ValueSource(strings = {
            "GET /graphs/a%2Fb/snapshot HTTP/1.1",
            "GET /graphs/%2e%2e/snapshot HTTP/1.1",
            "GET /graphs/knowledge/../knowledge/snapshot HTTP/1.1",
            "GET /graphs/..%2F..%2Fetc/snapshot HTTP/1.1",
            "GET /graphs//snapshot HTTP/1.1",
            "GET graphs HTTP/1.1",
            "GET /graphs/knowledge/snapshot HTTP/9.9",
            "GET /graphs/%zz/snapshot HTTP/1.1",
            "BREW /graphs/knowledge/snapshot HTTP/1.1",
            "GET /graphs/knowledge/snapshot?branch=%ff HTTP/1.1"})
    void rawRequestsAlwaysGetAnErrorOutput(String requestLine) throws Exception {
        RawResponse r = raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        if (r.status() < 400) {
            // only the one normalised-to-a-real-route case may succeed
            assertThat(requestLine).contains("/knowledge/../knowledge/");
            return;
        }
        assertThat(r.status()).as(requestLine + " -> " + r.text()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(OpenApiContract.get().schemaProblems("ErrorOutput", body.toString())).isEmpty();
        assertThat(r.text()).doesNotContain("<html").doesNotContain("Exception").doesNotContain("at org.");
    }

    /** HEAD works for every GET route (outside the contract, so checked over a raw socket). */
    @Test
    void headOnGetRoutes() throws Exception {
        RawResponse r = raw("HEAD /graphs/knowledge/snapshot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(raw("HEAD /graphs/nope/snapshot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status()).isEqualTo(404);
    }

    @Test
    void headerTooLargeIsJson() throws Exception {
        RawResponse r = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(r.body()).path("code").asText()).isEqualTo("bad_request");
    }

    record RawResponse(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static RawResponse raw(String request) throws Exception {
        URI base = URI.create(server.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = all.indexOf("\r\n\r\n");
            String head = all.substring(0, split);
            String body = all.substring(split + 4);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            String contentType = "";
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase();
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                StringBuilder sb = new StringBuilder();
                int pos = 0;
                while (true) {
                    int eol = body.indexOf("\r\n", pos);
                    int size = Integer.parseInt(body.substring(pos, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    sb.append(body, eol + 2, eol + 2 + size);
                    pos = eol + 2 + size + 2;
                }
                body = sb.toString();
            }
            return new RawResponse(status, contentType, body.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
