package io.omnigraph.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.storage.s3.S3ObjectStore;
import io.omnigraph.testkit.Fixtures;
import io.omnigraph.testkit.storage.S3ProxyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history commands against an {@code s3://} graph on S3Proxy (real S3 protocol over HTTP). The commands run
 * in-process with an environment whose {@code AWS_*} settings point at the proxy; the graph is prepared through the
 * engine API on the same bucket.
 */
class HistoryCommandsS3Test {
    private static final S3ProxyFixture S3 = S3ProxyFixture.shared();
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return M.readTree(out);
        }
    }

    static Result ok(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(S3.environment());
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), env);
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    @Test
    void mergeChangesFeedAndBaselineOnS3() throws Exception {
        S3ObjectStore store = S3.newStore("graphs/g.omni");
        String g = store.location();
        assertThat(g).startsWith("s3://");
        try (Graph graph = OmniGraph.init(store, Fixtures.text("engine/test.pg"), InitOptions.defaults())) {
            graph.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(Fixtures.text("engine/test.jsonl")
                    .getBytes(StandardCharsets.UTF_8)), "main", LoadMode.APPEND));
            graph.createBranch(Optional.empty(), "feature", "main");
            graph.mutate(Optional.empty(), MutationRequest.of("query q() { update Person set { age: 31 } where name = \"Alice\" }", "feature"));
        }
        String cursor = ok("changes", "poll", "--store", g, "--start", "now", "--json").json().get("cursor").asText();
        try (Graph graph = OmniGraph.open(store, io.omnigraph.engine.api.OpenOptions.defaults())) {
            graph.mutate(Optional.empty(), MutationRequest.of("query q() { update Person set { age: 26 } where name = \"Bob\" }", "main"));
        }
        Result merged = ok("branch", "merge", "--store", g, "feature", "--as", "ruth", "--delete-branch", "--json");
        assertThat(merged.json().get("outcome").asText()).isEqualTo("merged");
        assertThat(merged.json().get("branch_deleted").asBoolean()).isTrue();
        assertThat(merged.err()).contains("(direct, remote)");
        String head = merged.json().get("graph_commit_id").asText();
        JsonNode changes = ok("commit", "changes", "--store", g, head, "--json").json();
        assertThat(changes.at("/changes/0/id").asText()).isEqualTo("Alice");
        assertThat(changes.at("/changes/0/after/properties/age").asInt()).isEqualTo(31);
        assertThat(changes.at("/cause/actor_id").asText()).isEqualTo("ruth");
        JsonNode feed = ok("changes", "poll", "--store", g, "--cursor", cursor, "--json").json();
        assertThat(feed.findValuesAsText("graph_commit_id")).hasSize(2).endsWith(head);
        assertThat(feed.get("caught_up").asBoolean()).isTrue();
        Path snap = dir.resolve("snap.jsonl");
        ok("changes", "baseline", "--store", g, "--out", snap.toString());
        assertThat(Files.readAllLines(snap)).hasSize(12).last().asString().contains("\"resume_cursor\"");
    }
}
