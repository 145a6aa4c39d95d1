package io.omnigraph.server.console;

import io.omnigraph.server.cluster.testing.ClusterFixture;
import io.omnigraph.server.cluster.testing.Served;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Developer aid (test scope, not run by the suite): serves the company-brain demo cluster with seed data and the
 * console's test tokens on a free loopback port until killed, for working on the console (`npx vite` proxies to it,
 * or open {@code <url>/ui/} directly) and for running {@code e2e/console.e2e.mjs} by hand.
 */
public final class ConsoleDevServer {
    private ConsoleDevServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("omnigraph-console-dev");
        ClusterFixture f = ClusterFixture.companyBrain(dir.resolve("company-brain"));
        f.write("base.policy.yaml", f.read("base.policy.yaml").replace("branch_delete, branch_merge]",
                "branch_delete, branch_merge, admin]"));
        f.converge();
        f.load("knowledge", f.read("seed.jsonl"));
        Served s = f.serve(false, Map.of("andrew", ConsoleE2ETest.ANDREW, "agent-1", ConsoleE2ETest.AGENT,
                "ruth", ConsoleE2ETest.RUTH));
        System.out.println("CONSOLE_DEV_URL=" + s.server.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
