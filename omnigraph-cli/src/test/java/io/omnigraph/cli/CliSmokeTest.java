package io.omnigraph.cli;

import io.omnigraph.cli.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliSmokeTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("omnigraph ").doesNotContain("${");
    }

    @Test
    void unknownCommandExitsTwoWithSuggestion() {
        Result r = run("demoo");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").contains("demo").contains("usage:");
    }

    @Test
    void unknownFlagExitsTwo() {
        Result r = run("version", "--jsno");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--json");
    }

    @Test
    void demoLaysOutTheClusterAndReportsEveryStep(@TempDir Path tmp) {
        Path dir = tmp.resolve("brain");
        Result r = run("demo", "--no-serve", "--dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("cluster.yaml")).exists();
        assertThat(dir.resolve("queries/people.gq")).exists();
        assertThat(r.out()).contains("==> lay out the company-brain cluster").contains("demo finished");
        // the cluster loop and the load really ran
        assertThat(r.out()).contains("done: cluster config valid").contains("done: state ledger created (revision 1)")
                .contains("create graph ×1").contains("applied by andrew, converged: true")
                .contains("done: loaded 32 entities (nodes: ").contains("Person 7").contains("WorksOn 5")
                .contains("add_person inserted 1 node(s), assign inserted 1 edge(s)")
                .contains("9 step(s) done")
                // stored queries and the reviewed merge
                .contains("who_works_on: ").contains("project_load: ").contains("diff: 2 entity change(s)")
                .contains("into main").contains("branch agent-1/onboarding deleted");
        assertThat(dir.resolve("graphs/knowledge.omni/graph.json")).exists();
        // a second run refuses to clobber the directory unless --reset is given
        Result again = run("demo", "--no-serve", "--dir", dir.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).contains("demo_dir_exists");
        assertThat(run("demo", "--no-serve", "--reset", "--dir", dir.toString()).code()).isZero();
    }

    @Test
    void demoFilesListMatchesBundledResources(@TempDir Path tmp) throws Exception {
        Result r = run("demo", "--no-serve", "--json", "--dir", tmp.resolve("d").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"steps\"");
        assertThat(r.out()).contains("\"status\" : \"done\"");
        for (String f : new String(getClass().getResourceAsStream("/io/omnigraph/cli/demo/company-brain/files.txt")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (!f.isBlank()) {
                assertThat(tmp.resolve("d").resolve(f.strip())).exists();
            }
        }
    }
}
