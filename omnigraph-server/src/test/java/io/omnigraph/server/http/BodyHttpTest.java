package io.omnigraph.server.http;

import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Body limits, media types and the bad-input corpus over HTTP: always ErrorOutput 4xx, never a 5xx. */
class BodyHttpTest {
    private static final long MIB = 1024 * 1024;
    private static TestServer server;
    private static FakeCluster cluster;

    @BeforeAll
    static void start() {
        cluster = FakeCluster.withKnowledge();
        server = TestServer.open(cluster);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String queryOfSize(long bytes) {
        String prefix = "{\"query\":\"";
        return prefix + "x".repeat((int) (bytes - prefix.length() - 2)) + "\"}";
    }

    @Test
    void oneMebibyteIsTheDefaultJsonLimit() {
        Resp atLimit = server.post("/graphs/knowledge/query", queryOfSize(MIB));
        assertThat(atLimit.status()).as("exactly 1 MiB is accepted").isEqualTo(200);
        Resp over = server.post("/graphs/knowledge/query", queryOfSize(MIB + 1));
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.code()).isEqualTo("bad_request");
        assertThat(over.json().path("resource_limit").path("resource").asText()).isEqualTo("request_body_bytes");
        assertThat(over.json().path("resource_limit").path("limit").asLong()).isEqualTo(MIB);
        assertThat(over.json().path("resource_limit").path("actual").asLong()).isEqualTo(MIB + 1);
    }

    @Test
    void chunkedBodiesAreCountedWhileReading() {
        byte[] big = queryOfSize(2 * MIB).getBytes(StandardCharsets.UTF_8);
        // an InputStream publisher has no known length: the client sends Transfer-Encoding: chunked
        Resp r = server.send("POST", "/graphs/knowledge/query",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
                "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("resource_limit").path("actual").asLong()).isGreaterThan(MIB);
    }

    @Test
    void loadRoutesTake32MebibytesAndNdjsonReportsItsOwnResource() {
        String data = "{\"type\":\"Person\",\"data\":{\"name\":\"n\"}}\n".repeat(60_000); // ~2.3 MiB
        String body = "{\"data\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(data) + "}";
        Resp load = server.post("/graphs/knowledge/load", body);
        assertThat(load.status()).as(load.toString()).isEqualTo(200);
        assertThat(load.json().path("total_entities").asLong()).isEqualTo(60_000);
        assertThat(server.post("/graphs/knowledge/query", body).status()).isEqualTo(413);

        byte[] tooBig = new byte[(int) (32 * MIB) + 1];
        java.util.Arrays.fill(tooBig, (byte) '\n');
        Resp nd = server.postRaw("/graphs/knowledge/load/ndjson", tooBig, "Content-Type", "application/x-ndjson");
        assertThat(nd.status()).isEqualTo(413);
        assertThat(nd.json().path("resource_limit").path("resource").asText()).isEqualTo("graph_batch_request_bytes");
        assertThat(nd.json().path("resource_limit").path("limit").asLong()).isEqualTo(32 * MIB);
        Resp json = server.postRaw("/graphs/knowledge/load", tooBig, "Content-Type", "application/json");
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.json().path("resource_limit").path("resource").asText()).isEqualTo("request_body_bytes");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/graphs/knowledge/query  | text/plain",
            "/graphs/knowledge/query  | application/x-www-form-urlencoded",
            "/graphs/knowledge/query  | ",
            "/graphs/knowledge/export | text/json",
            "/graphs/knowledge/mutate | application/xml",
            "/graphs/knowledge/load   | application/x-ndjson",
            "/graphs/knowledge/load/ndjson | application/json",
            "/graphs/knowledge/load/ndjson | ",
            "/graphs/knowledge/branches | multipart/form-data; boundary=x",
            "/graphs/knowledge/queries/find_person | text/plain"})
    void wrongMediaTypeIs415(String path, String contentType) {
        byte[] body = "{\"query\":\"x\",\"data\":\"\",\"name\":\"n\"}".getBytes(StandardCharsets.UTF_8);
        Resp r = contentType == null ? server.postRaw(path.trim(), body)
                : server.postRaw(path.trim(), body, "Content-Type", contentType.trim());
        assertThat(r.status()).as(r.toString()).isEqualTo(415);
        assertThat(r.error()).contains("Content-Type");
    }

    @Test
    void jsonMediaTypeVariantsAreAccepted() {
        assertThat(server.post("/graphs/knowledge/query", "{\"query\":\"q\"}", "Content-Type",
                "application/json; charset=utf-8").status()).isEqualTo(200);
        assertThat(server.post("/graphs/knowledge/query", "{\"query\":\"q\"}", "Content-Type",
                "Application/JSON").status()).isEqualTo(200);
        assertThat(server.post("/graphs/knowledge/query", "{\"query\":\"q\"}", "Content-Type",
                "application/vnd.omnigraph+json").status()).isEqualTo(200);
    }

    /** Over HTTP every entry is a 400 ErrorOutput naming the problem. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "query    | ''                                 | the request body is empty",
            "query    | '   '                              | the request body is empty",
            "query    | {                                  | malformed JSON",
            "query    | nonsense                           | malformed JSON",
            "query    | []                                 | expected a JSON object",
            "query    | null                               | expected a JSON object",
            "query    | {\"query\":7}                      | field 'query' must be a string",
            "query    | {\"query\":\"x\",\"branch\":\"a\",\"snapshot\":\"b\"} | either 'branch' or 'snapshot'",
            "query    | {\"query\":\"query q() { insert Person {} }\"} | is a mutation",
            "query    | {\"query\":\"syntax error\"}        | parse error at 1:1",
            "read     | {\"query\":\"x\"}                  | missing field 'query_source'",
            "mutate   | {\"query\":\"query q() {}\"}       | is a read",
            "mutate   | {\"query_source\":1}               | field 'query_source' must be a string",
            "change   | {\"query\":\"a\",\"query_source\":\"b\"} | duplicate field 'query'",
            "export   | {\"branch\":\"main\",\"format\":\"csv\"} | unknown field 'format'",
            "export   | {\"type_names\":\"Person\"}         | field 'type_names' must be an array",
            "export   | {\"type_names\":[\"Alien\"]}        | unknown type 'Alien'",
            "load     | {\"data\":1}                       | field 'data' must be a string",
            "load     | {\"data\":\"\",\"mode\":\"replace\"} | unknown value 'replace'",
            "load     | {}                                 | missing field 'data'",
            "branches | {\"from\":\"main\"}                 | missing field 'name'",
            "branches/merge | {\"source\":[]}               | field 'source' must be a string",
            "schema/apply | {\"allow_data_loss\":true}      | missing field 'schema_source'",
            "changes/baseline | {\"op\":[\"upsert\"]}       | unknown value 'upsert'",
            "queries/find_person | [1]                      | invalid stored-query invocation body",
            "queries/find_person | {\"params\":{\"name\":5}} | parameter 'name' of 'find_person' must be a string",
            "queries/find_person | {\"params\":{}}           | parameter 'name' of 'find_person' is required",
            "queries/find_person | {\"branch\":1}            | invalid stored-query invocation body: field 'branch' must be a string",
            "queries/find_person | {\"x\":1}{                | invalid stored-query invocation body: malformed JSON"})
    void badInputCorpus(String route, String body, String expected) {
        Resp r = server.post("/graphs/knowledge/" + route.trim(), body == null ? "" : body.trim());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("bad_request");
        assertThat(r.error()).contains(expected.trim());
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
    }

    @Test
    void queryParameterErrorsAre400() {
        assertThat(server.get("/graphs/knowledge/changes?limit=-1").status()).isEqualTo(400);
        assertThat(server.get("/graphs/knowledge/changes?limit=ten").error()).contains("'limit'");
        assertThat(server.get("/graphs/knowledge/changes?kind=vertex").error()).contains("unknown value 'vertex'");
        assertThat(server.get("/graphs/knowledge/changes?cursor=a&start=b").error()).contains("at most one of");
        assertThat(server.get("/graphs/knowledge/snapshot?branch=a&branch=b").error()).contains("at most once");
        assertThat(server.postRaw("/graphs/knowledge/load/ndjson?mode=bogus", new byte[0], "Content-Type",
                "application/x-ndjson").error()).contains("unknown value 'bogus'");
    }

    @Test
    void invalidUtf8NdjsonIs400() {
        byte[] bad = {'{', '}', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        Resp r = server.postRaw("/graphs/knowledge/load/ndjson", bad, "Content-Type", "application/x-ndjson");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("not valid UTF-8");
    }
}
