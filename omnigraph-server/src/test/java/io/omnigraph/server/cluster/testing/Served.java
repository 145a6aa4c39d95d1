package io.omnigraph.server.cluster.testing;

import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.testing.Resp;
import io.omnigraph.server.testing.TestServer;

/** A running cluster server and a client whose every response is validated against openapi.json. */
public final class Served implements AutoCloseable {
    public final ClusterServer server;
    public final TestServer http;

    Served(ClusterServer server) {
        this.server = server;
        this.http = TestServer.over(server.http());
    }

    public Resp get(String path, String... headers) {
        return http.get(path, headers);
    }

    public Resp post(String path, String json, String... headers) {
        return http.post(path, json, headers);
    }

    public Resp delete(String path, String... headers) {
        return http.delete(path, headers);
    }

    public Resp postRaw(String path, byte[] body, String... headers) {
        return http.postRaw(path, body, headers);
    }

    public static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    @Override
    public void close() {
        server.close();
    }
}
