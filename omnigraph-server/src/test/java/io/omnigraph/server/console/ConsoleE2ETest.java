package io.omnigraph.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;
import io.omnigraph.server.testing.Resp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.omnigraph.server.cluster.testing.Served.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The review console end to end: the real server on loopback over the company-brain demo cluster (applied by the
 * real control plane, seed data loaded, real Cedar bundles), driven in headless Debian Chromium by
 * {@code src/main/console/e2e/console.e2e.mjs} (playwright-core). Sign in, run a stored query, see a typecheck error
 * inline, let an agent branch and mutate through the API, review the branch diff, merge it, open the merge's commit,
 * see a conflicting merge refused with its conflicts and delete that branch, read the cluster status. Screenshots are kept in {@code target/console-screenshots}.
 *
 * <p>Runs in the default test run when {@code /usr/bin/chromium} (or {@code $CHROMIUM}) and Node.js are present;
 * skipped with a message otherwise ({@code .ci/run} installs Chromium when it can).
 */
class ConsoleE2ETest {
    static final Path CONSOLE_DIR = Paths.get("src/main/console").toAbsolutePath();
    static final Path SHOTS = Paths.get("target/console-screenshots").toAbsolutePath();
    static final String ANDREW = "t-andrew-console";
    static final String AGENT = "t-agent1-console";
    static final String RUTH = "t-ruth-console";

    @TempDir
    static Path tmp;
    static Served served;

    static String chromium() {
        String env = System.getenv("CHROMIUM");
        return env != null && !env.isBlank() ? env : "/usr/bin/chromium";
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    static void serve() {
        assumeTrue(Files.isExecutable(Paths.get(chromium())), "console e2e skipped: no Chromium at " + chromium()
                + " (install Debian's chromium package, or set CHROMIUM to its path)");
        assumeTrue(onPath("node"), "console e2e skipped: node is not on the PATH");
        assumeTrue(Files.isDirectory(CONSOLE_DIR.resolve("node_modules/playwright-core")), "console e2e skipped:"
                + " playwright-core is not installed in " + CONSOLE_DIR + " (the Maven build runs `npm ci` there;"
                + " was it built with -Dconsole.skip?)");
        assumeTrue(new ConsoleAssets().bundled(), "console e2e skipped: the console is not bundled (built with"
                + " -Dconsole.skip?)");
        ClusterFixture f = ClusterFixture.companyBrain(tmp.resolve("company-brain"));
        // the status page needs `admin`; the demo bundle does not grant it, so the admins group gets it here
        f.write("base.policy.yaml", f.read("base.policy.yaml").replace(
                "branch_delete, branch_merge]",
                "branch_delete, branch_merge, admin]"));
        f.converge();
        f.load("knowledge", f.read("seed.jsonl"));
        served = f.serve(false, Map.of("andrew", ANDREW, "agent-1", AGENT, "ruth", RUTH));
    }

    @AfterAll
    static void stop() {
        if (served != null) {
            served.close();
        }
    }

    @Test
    void reviewFlowInHeadlessChromium() throws IOException, InterruptedException {
        Files.createDirectories(SHOTS);
        List<String> cmd = new ArrayList<>(List.of("node", "e2e/console.e2e.mjs"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(CONSOLE_DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("BASE_URL", served.server.baseUrl());
        pb.environment().put("TOKEN", ANDREW);
        pb.environment().put("AGENT_TOKEN", AGENT);
        pb.environment().put("SCREENSHOT_DIR", SHOTS.toString());
        pb.environment().put("CHROMIUM", chromium());
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output unreadable: ").append(e.getMessage()).append(')');
            }
        });
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(5000);
        System.out.println(out);
        assertThat(done).as("the e2e script finished within 180 s:\n" + out).isTrue();
        assertThat(p.exitValue()).as("e2e script output:\n" + out).isZero();
        assertThat(out).contains("[e2e] ok");

        // what the browser did is durable: main has the agent's person, and its head is andrew's merge of the branch
        Resp q = served.post("/graphs/knowledge/queries/find_person", "{\"params\":{\"name\":\"Zoe\"}}", bearer(RUTH));
        assertThat(q.status()).isEqualTo(200);
        assertThat(q.json().path("row_count").asLong()).isEqualTo(1);
        JsonNode head = served.get("/graphs/knowledge/commits?branch=main", bearer(RUTH)).json().path("commits").get(0);
        assertThat(head.path("actor_id").asText()).isEqualTo("andrew");
        assertThat(head.path("merged_parent_commit_id").asText()).isNotEmpty();
        for (String shot : List.of("01-sign-in", "03-stored-query", "06-branch-diff", "07-merged", "08-commit",
                "09-cluster-status", "10-merge-conflicts")) {
            assertThat(SHOTS.resolve(shot + ".png")).isNotEmptyFile();
        }
    }
}
