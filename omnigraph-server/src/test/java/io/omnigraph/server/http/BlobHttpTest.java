package io.omnigraph.server.http;

import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.FakeGraph;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Blob delivery with conditional and range requests. */
class BlobHttpTest {
    private static final byte[] CONTENT = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private static final String PATH = "/graphs/knowledge/blob?entity=node&type=Doc&id=d1&property=body";
    private static TestServer server;
    private static FakeGraph graph;

    @BeforeAll
    static void start() {
        graph = new FakeGraph("knowledge").blob("Doc", "d1", "body", CONTENT)
                .externalBlob("Doc", "d2", "body", "https://example.org/d2.pdf");
        server = TestServer.open(new FakeCluster().add(graph));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fullGetAndHead() {
        Resp r = server.get(PATH);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(CONTENT);
        assertThat(r.header("Content-Type")).contains("application/octet-stream");
        assertThat(r.header("Content-Length")).contains("20");
        assertThat(r.header("Accept-Ranges")).contains("bytes");
        assertThat(r.header("ETag").orElseThrow()).startsWith("\"").endsWith("\"");
        assertThat(r.header("Omnigraph-Snapshot-Id")).contains(graph.head("main"));
        Resp head = server.head(PATH);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).contains("20");
        assertThat(head.header("ETag")).isEqualTo(r.header("ETag"));
    }

    @Test
    void ranges() {
        Resp mid = server.get(PATH, "Range", "bytes=2-5");
        assertThat(mid.status()).isEqualTo(206);
        assertThat(new String(mid.body(), StandardCharsets.US_ASCII)).isEqualTo("2345");
        assertThat(mid.header("Content-Range")).contains("bytes 2-5/20");
        assertThat(new String(server.get(PATH, "Range", "bytes=-3").body(), StandardCharsets.US_ASCII)).isEqualTo("hij");
        assertThat(new String(server.get(PATH, "Range", "bytes=18-").body(), StandardCharsets.US_ASCII)).isEqualTo("ij");
        assertThat(new String(server.get(PATH, "Range", "bytes=15-99").body(), StandardCharsets.US_ASCII)).isEqualTo("fghij");
        assertThat(server.get(PATH, "Range", "bytes=0-1,4-5").status()).as("multi-range is ignored").isEqualTo(200);
        assertThat(server.get(PATH, "Range", "pages=1").status()).as("other units are ignored").isEqualTo(200);

        Resp unsatisfiable = server.get(PATH, "Range", "bytes=30-40");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.header("Content-Range")).contains("bytes */20");
        assertThat(unsatisfiable.json().path("blob_range").toString()).isEqualTo("{\"start\":30,\"end\":41,\"length\":20}");
        assertThat(unsatisfiable.code()).isEqualTo("bad_request");
    }

    @Test
    void conditionals() {
        String etag = server.get(PATH).header("ETag").orElseThrow();
        assertThat(server.get(PATH, "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(server.get(PATH, "If-None-Match", "W/" + etag).status()).isEqualTo(304);
        assertThat(server.get(PATH, "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(server.get(PATH, "If-Match", etag).status()).isEqualTo(200);
        Resp failed = server.get(PATH, "If-Match", "\"other\"");
        assertThat(failed.status()).isEqualTo(412);
        assertThat(failed.header("ETag")).contains(etag);
        assertThat(server.get(PATH, "If-Match", "W/" + etag).status()).as("If-Match compares strongly").isEqualTo(412);
        assertThat(server.get(PATH, "Range", "bytes=0-0", "If-Range", etag).status()).isEqualTo(206);
        assertThat(server.get(PATH, "Range", "bytes=0-0", "If-Range", "\"stale\"").status()).isEqualTo(200);
    }

    @Test
    void externalBlobRedirects() {
        Resp r = server.get("/graphs/knowledge/blob?entity=node&type=Doc&id=d2&property=body");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).contains("https://example.org/d2.pdf");
        assertThat(r.header("Omnigraph-Snapshot-Id")).isPresent();
    }

    @Test
    void badRequests() {
        assertThat(server.get("/graphs/knowledge/blob?entity=node&type=Doc&id=d1").error())
                .contains("missing required query parameter 'property'");
        assertThat(server.get("/graphs/knowledge/blob?entity=vertex&type=Doc&id=d1&property=body").error())
                .contains("unknown value 'vertex'");
        assertThat(server.get(PATH + "&branch=main&snapshot=x").status()).isEqualTo(400);
        assertThat(server.get("/graphs/knowledge/blob?entity=node&type=Doc&id=zz&property=body").status()).isEqualTo(404);
        assertThat(server.head("/graphs/knowledge/blob?entity=node&type=Doc&id=zz&property=body").status()).isEqualTo(404);
        assertThat(server.get(PATH + "&snapshot=" + graph.head("main")).status()).isEqualTo(200);
    }
}
