package io.omnigraph.cli.golden;

import io.omnigraph.cli.support.Cli;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files of the human output ({@code src/test/resources/golden/*.txt}): one transcript of commands over a
 * fixture graph, with commit ids, timestamps, cursors and temp paths masked. Regenerate after an intended change with
 * {@code -Dgolden.update=true} (writes into src/test/resources/golden) and review the diff.
 */
class GoldenOutputTest {
    @TempDir
    Path tmp;

    String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of("OMNIGRAPH_HOME", tmp.resolve("home").toString(), "NO_COLOR", "1"));
        return "$ omnigraph " + String.join(" ", args) + "\n" + out.toString(StandardCharsets.UTF_8)
                + (err.size() > 0 ? "[stderr]\n" + err.toString(StandardCharsets.UTF_8) : "") + "[exit " + code + "]\n\n";
    }

    String mask(String s) {
        return s.replace(tmp.toString(), "<TMP>")
                .replaceAll("[0-9A-HJKMNP-TV-Z]{26}", "<ID>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<TIME>")
                .replaceAll("og1\\.[A-Za-z0-9_.-]+", "<CURSOR>")
                .replaceAll("sha256:[0-9a-f]{64}", "<SHA256>");
    }

    void golden(String name, String actual) throws IOException {
        String masked = mask(actual);
        if (Boolean.getBoolean("golden.update")) {
            Path dir = Path.of("src/test/resources/golden");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), masked);
            return;
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name + " (generate it with -Dgolden.update=true)").isNotNull();
            assertThat(masked).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void dataCommandsTranscript() throws IOException {
        Path pg = Files.writeString(tmp.resolve("test.pg"), Fixtures.text("engine/test.pg"));
        Path seed = Files.writeString(tmp.resolve("seed.jsonl"), Fixtures.text("engine/test.jsonl"));
        String g = tmp.resolve("g.omni").toString();
        List<String> t = new ArrayList<>();
        t.add(run("init", "--schema", pg.toString(), g));
        t.add(run("load", g, "--data", seed.toString(), "--mode", "append", "--as", "act-golden"));
        t.add(run("snapshot", g));
        String q = "query q() { match { $p: Person } return { $p.name, $p.age } order { $p.name asc } }";
        t.add(run("query", "-e", q, "--store", g));
        t.add(run("query", "-e", q, "--store", g, "--format", "kv"));
        t.add(run("query", "-e", q, "--store", g, "--format", "csv"));
        t.add(run("branch", "create", "feature", "--store", g, "--as", "act-golden"));
        t.add(run("mutate", "-e", "query m() { update Person set { age: 31 } where name = \"Alice\" }", "--store", g,
                "--branch", "feature", "--as", "act-golden"));
        t.add(run("mutate", "-e", "query m() { insert Person { name: \"Dana\", age: 41 } }", "--store", g, "--branch", "feature",
                "--as", "act-golden"));
        t.add(run("branch", "list", "--store", g));
        t.add(run("changes", "poll", "--store", g, "--branch", "feature", "--start", "beginning", "--type", "Person"));
        t.add(run("branch", "merge", "feature", "--store", g, "--as", "act-golden"));
        t.add(run("commit", "list", g));
        t.add(run("branch", "delete", "feature", "--store", g, "--quiet"));
        t.add(run("snapshot", g, "--branch", "mian"));
        t.add(run("optimize", g, "--server", "prod"));
        t.add(run("snapshto", g));
        golden("data-commands.txt", String.join("", t));
    }

    @Test
    void clusterPlanTranscript() throws IOException {
        Path dir = io.omnigraph.cli.demo.DemoFiles.copyTo(tmp.resolve("brain"));
        List<String> t = new ArrayList<>();
        t.add(run("cluster", "validate", "--config", dir.toString()));
        t.add(run("cluster", "import", "--config", dir.toString()));
        t.add(run("cluster", "plan", "--config", dir.toString()));
        golden("cluster-plan.txt", String.join("", t));
    }

    @Test
    void tableLayoutTranscript() throws IOException {
        Path pg = Files.writeString(tmp.resolve("test.pg"), Fixtures.text("engine/test.pg"));
        Path seed = Files.writeString(tmp.resolve("seed.jsonl"), Fixtures.text("engine/test.jsonl"));
        String g = tmp.resolve("g.omni").toString();
        run("init", "--schema", pg.toString(), g);
        run("load", g, "--data", seed.toString(), "--mode", "append", "--as", "act-golden");
        String q = "query q() { match { $p: Person } return { $p.name, $p.age } order { $p.name asc } }";
        Path home = Files.createDirectories(tmp.resolve("home"));
        List<String> t = new ArrayList<>();
        t.add(run("query", "-e", q, "--store", g));
        Files.writeString(home.resolve("config.yaml"), "defaults:\n  table_max_column_width: 4\n");
        t.add(run("query", "-e", q, "--store", g));
        Files.writeString(home.resolve("config.yaml"), "defaults:\n  table_max_column_width: 4\n  table_cell_layout: wrap\n");
        t.add(run("query", "-e", q, "--store", g));
        t.add(run("query", "-e", q, "--store", g, "--format", "csv"));
        Files.writeString(home.resolve("config.yaml"), "defaults:\n  table_max_column_width: 2\n");
        t.add(run("query", "-e", q, "--store", g));
        Files.writeString(home.resolve("config.yaml"), "defaults:\n  table_cell_layout: shrink\n");
        t.add(run("query", "-e", q, "--store", g));
        golden("table-layout.txt", String.join("", t));
    }
}
