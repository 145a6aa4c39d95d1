package io.omnigraph.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.omnigraph.server.api.BranchCreateRequest;
import io.omnigraph.server.api.BranchMergeRequest;
import io.omnigraph.server.api.ChangeBaselineRequest;
import io.omnigraph.server.api.ChangeRequest;
import io.omnigraph.server.api.ExportRequest;
import io.omnigraph.server.api.IngestRequest;
import io.omnigraph.server.api.InvalidWireValueException;
import io.omnigraph.server.api.InvokeStoredQueryRequest;
import io.omnigraph.server.api.QueryRequest;
import io.omnigraph.server.api.ReadRequest;
import io.omnigraph.server.api.SchemaApplyRequest;
import io.omnigraph.server.api.WireDecodingException;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Jazzer targets for HTTP request bodies. {@link #requestDtos} decodes any bytes into every request DTO: a value or
 * a {@link WireDecodingException} / {@link InvalidWireValueException}, nothing else. {@link #httpBodies} sends the
 * bytes (after a route-selector byte) as the body of a real POST to a real server on the real engine (fixture F, open
 * mode): the answer is a 2xx or a 4xx with an {@code error} — never a 5xx, never a dropped connection. Regression
 * inputs: {@code src/test/resources/io/omnigraph/server/fuzz/HttpBodyFuzzTestInputs/<method>/}; fuzz with
 * {@code JAZZER_FUZZ=1}.
 */
class HttpBodyFuzzTest {
    static final List<Class<?>> DTOS = List.of(QueryRequest.class, ReadRequest.class, ChangeRequest.class,
            ExportRequest.class, IngestRequest.class, BranchCreateRequest.class, BranchMergeRequest.class,
            SchemaApplyRequest.class, ChangeBaselineRequest.class, InvokeStoredQueryRequest.class);
    /** Route and content type per selector byte (the first byte of an input, modulo the list size). */
    static final List<String[]> ROUTES = List.of(
            new String[]{"/graphs/knowledge/query", "application/json"},
            new String[]{"/graphs/knowledge/read", "application/json"},
            new String[]{"/graphs/knowledge/mutate", "application/json"},
            new String[]{"/graphs/knowledge/change", "application/json"},
            new String[]{"/graphs/knowledge/export", "application/json"},
            new String[]{"/graphs/knowledge/load", "application/json"},
            new String[]{"/graphs/knowledge/ingest", "application/json"},
            new String[]{"/graphs/knowledge/branches", "application/json"},
            new String[]{"/graphs/knowledge/branches/merge", "application/json"},
            new String[]{"/graphs/knowledge/schema/apply", "application/json"},
            new String[]{"/graphs/knowledge/changes/baseline", "application/json"},
            new String[]{"/graphs/knowledge/queries/find_person", "application/json"},
            new String[]{"/graphs/knowledge/load/ndjson", "application/x-ndjson"});
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Served served;
    private static Path dir;

    private static synchronized Served served() {
        if (served == null) {
            try {
                dir = Files.createTempDirectory("http-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ClusterFixture f = ClusterFixture.peopleF(dir.resolve("c"), false).converge();
            f.load("knowledge", "{\"type\":\"Person\",\"data\":{\"name\":\"Ada\",\"age\":36}}\n");
            served = f.serve(true, Map.of());
        }
        return served;
    }

    @AfterAll
    static void stop() throws IOException {
        if (served != null) {
            served.close();
            served = null;
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void requestDtos(byte[] data) {
        for (Class<?> type : DTOS) {
            try {
                if (WireJson.read(data, type) == null) {
                    throw new AssertionError("decoded to null: " + type.getSimpleName());
                }
            } catch (WireDecodingException | InvalidWireValueException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("decoding error without a message for " + type.getSimpleName(), e);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "120s")
    void httpBodies(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        String[] route = ROUTES.get(Byte.toUnsignedInt(data[0]) % ROUTES.size());
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        Served s = served();
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(s.http.base() + route[0]))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", route[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status >= 500) {
            throw new AssertionError("POST " + route[0] + " answered " + status + ": " + r.body() + "\nbody: "
                    + new String(body, StandardCharsets.UTF_8));
        }
        if (status >= 400 && !r.body().contains("\"error\"")) {
            throw new AssertionError("POST " + route[0] + " answered " + status + " without an ErrorOutput: " + r.body());
        }
    }
}
