package io.omnigraph.cli.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.cli.support.Cli;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cleanup} never removes reachable data: after a real reclaim, every branch head and every retained commit
 * exports exactly what it exported before; only commits outside the retention window become unreadable.
 */
class CleanupReachabilityTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
        JsonNode json() throws IOException {
            return M.readTree(out);
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of("OMNIGRAPH_HOME", tmp.resolve("home").toString()));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result ok(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    List<String> commits(String g, String branch) throws IOException {
        List<String> ids = new ArrayList<>();
        ok("commit", "list", g, "--branch", branch, "--json").json().path("commits")
                .forEach(c -> ids.add(c.path("graph_commit_id").asText()));
        return ids;
    }

    @Test
    void everyBranchAndRetainedCommitReadsTheSameAfterCleanup() throws IOException {
        String g = tmp.resolve("g.omni").toString();
        Path pg = Files.writeString(tmp.resolve("test.pg"), Fixtures.text("engine/test.pg"));
        Path seed = Files.writeString(tmp.resolve("seed.jsonl"), Fixtures.text("engine/test.jsonl"));
        ok("init", "--schema", pg.toString(), g);
        ok("load", g, "--data", seed.toString(), "--mode", "append", "--quiet");
        ok("branch", "create", "feature", "--store", g, "--quiet");
        ok("mutate", "-e", "query q() { insert Person { name: \"F1\" } }", "--store", g, "--branch", "feature");
        for (int i = 0; i < 4; i++) {
            ok("mutate", "-e", "query q() { insert Person { name: \"P" + i + "\", age: " + (20 + i) + " } }", "--store", g);
            ok("mutate", "-e", "query q() { update Person set { age: " + (40 + i) + " } where name = \"Alice\" }", "--store", g);
        }
        ok("branch", "create", "doomed", "--store", g, "--quiet");
        ok("mutate", "-e", "query q() { insert Person { name: \"D1\" } }", "--store", g, "--branch", "doomed");
        ok("branch", "delete", "doomed", "--store", g, "--quiet");
        ok("load", g, "--data", seed.toString(), "--mode", "overwrite", "--quiet"); // orphans the old Person segments

        // keep 2: main's head (the overwrite) and the last mutate stay readable; the mutates before it only share
        // segments with retained commits, so their data stays too; the deleted branch's objects go
        int keep = 2;
        Map<String, String> before = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (String b : List.of("main", "feature")) {
            before.put("branch " + b, ok("export", g, "--branch", b).out());
            List<String> ids = commits(g, b);
            for (int i = 0; i < ids.size(); i++) {
                if (i < keep) {
                    before.put("commit " + ids.get(i), ok("export", g, "--snapshot", ids.get(i)).out());
                } else if (b.equals("main")) {
                    dropped.add(ids.get(i));
                }
            }
        }
        assertThat(dropped).isNotEmpty();

        Result preview = ok("cleanup", g, "--keep", Integer.toString(keep), "--grace", "0", "--json");
        assertThat(preview.json().path("applied").asBoolean()).isFalse();
        assertThat(preview.json().path("objects_removed").asLong()).isPositive();
        Result done = ok("cleanup", g, "--keep", Integer.toString(keep), "--grace", "0", "--confirm", "--json");
        assertThat(done.json().path("applied").asBoolean()).isTrue();
        assertThat(done.json().path("objects_removed").asLong()).isEqualTo(preview.json().path("objects_removed").asLong());
        assertThat(done.json().path("segments_removed").asLong()).isPositive();
        assertThat(done.err()).contains("omnigraph cleanup → " + g + " (direct, local)");

        for (Map.Entry<String, String> e : before.entrySet()) {
            String[] what = e.getKey().split(" ");
            Result now = what[0].equals("branch") ? ok("export", g, "--branch", what[1]) : ok("export", g, "--snapshot", what[1]);
            assertThat(now.out()).as(e.getKey()).isEqualTo(e.getValue());
        }
        // history stays listable; data outside the window is gone with a clear code
        assertThat(commits(g, "main")).containsAll(dropped);
        Result retainedAgain = ok("cleanup", g, "--keep", "1", "--grace", "0", "--confirm", "--json", "--quiet");
        assertThat(retainedAgain.json().path("segments_removed").asLong()).isPositive();
        // keep 1: the mutates' own segments are gone; their commits stay listable and say so when read
        Result old = run("export", g, "--snapshot", dropped.getFirst());
        assertThat(old.code()).isEqualTo(1);
        assertThat(old.err()).contains("historical_version_reclaimed");
        assertThat(ok("export", g, "--branch", "main").out()).isEqualTo(before.get("branch main"));
        assertThat(ok("export", g, "--branch", "feature").out()).isEqualTo(before.get("branch feature"));
        // a second cleanup finds nothing more
        assertThat(ok("cleanup", g, "--keep", "1", "--grace", "0", "--confirm", "--json", "--quiet")
                .json().path("objects_removed").asLong()).isZero();
    }

    @Test
    void destructiveCleanupOfNonLocalStorageNeedsConsentWithoutATerminal() {
        Result r = run("cleanup", "s3://bucket/graphs/g.omni", "--keep", "3", "--confirm");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("omnigraph cleanup → s3://bucket/graphs/g.omni (direct, remote)")
                .contains("refusing destructive `cleanup` against non-local target s3://bucket/graphs/g.omni without"
                        + " confirmation; pass --yes");
        Result quiet = run("cleanup", "s3://bucket/graphs/g.omni", "--keep", "3", "--confirm", "--quiet", "--json");
        assertThat(quiet.err()).doesNotContain("omnigraph cleanup →").contains("refusing destructive");
        Result noPolicy = run("cleanup", "s3://bucket/graphs/g.omni");
        assertThat(noPolicy.code()).isEqualTo(2);
        assertThat(noPolicy.err()).contains("needs a retention policy");
    }
}
