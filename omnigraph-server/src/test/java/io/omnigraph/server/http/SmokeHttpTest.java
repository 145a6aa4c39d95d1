package io.omnigraph.server.http;

import io.omnigraph.server.testing.FakeCluster;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeHttpTest {
    @Test
    void scenario26InOpenMode() {
        try (TestServer s = TestServer.open(FakeCluster.withKnowledge())) {
            Resp health = s.get("/healthz");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");
            Resp graphs = s.get("/graphs");
            assertThat(graphs.status()).as(graphs.toString()).isEqualTo(403);
            Resp queries = s.get("/graphs/knowledge/queries");
            assertThat(queries.status()).as(queries.toString()).isEqualTo(200);
            Resp invoke = s.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"nobody\"}}");
            assertThat(invoke.status()).as(invoke.toString()).isEqualTo(200);
            Resp flat = s.post("/query", "{}");
            assertThat(flat.status()).as(flat.toString()).isEqualTo(404);
            Resp nope = s.post("/graphs/nope/query", "{\"query\":\"x\"}");
            assertThat(nope.status()).as(nope.toString()).isEqualTo(404);
            System.out.println(health + "\n" + graphs + "\n" + queries + "\n" + invoke + "\n" + flat + "\n" + nope);
        }
    }
}
