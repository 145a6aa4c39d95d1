package io.omnigraph.cli.demo;

import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The demo's last step: serve the applied company-brain cluster with {@code omnigraph-server}'s engine, with one
 * fresh bearer token per actor named in the cluster's policy bundles. The tokens are printed once on the terminal and
 * kept nowhere else (not in a file, not in the log); they die with the process.
 */
final class DemoServe {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoServe() {
    }

    /** Serves until Ctrl-C. */
    static StepOutcome serve(DemoRun run, String bind) throws Exception {
        return serve(run, bind, null);
    }

    /**
     * Serves the cluster in the demo directory. With {@code whileServing} (tests), runs it against the live server
     * and then stops; without, blocks until SIGINT/SIGTERM.
     */
    static StepOutcome serve(DemoRun run, String bind, Consumer<Served> whileServing) throws Exception {
        Path dir = run.dir();
        if (!Files.exists(dir.resolve(ClusterLayout.STATE_KEY))) {
            return StepOutcome.notAvailable("the cluster was not applied by the earlier steps, so there is nothing to serve"
                    + " yet (run `omnigraph cluster apply --config " + dir + "` first)");
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String actor : actors(dir)) {
            byte[] raw = new byte[24];
            RANDOM.nextBytes(raw);
            tokens.put(actor, "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        }
        Env env = Env.of(run.context().env());
        ServerConfig config = ServerConfig.resolve(env, Optional.of(bind), false, false);
        ClusterServer server = ClusterServer.start(ClusterServer.Options.of(dir.toString(), config,
                BearerTokens.of(tokens, "the demo")).withEnv(env).withSighup(whileServing == null));
        PrintStream out = run.humanOut();
        String base = server.baseUrl();
        out.println("    serving " + base + " — demo bearer tokens (shown once, stored nowhere):");
        tokens.forEach((actor, token) -> out.println("      " + actor + "  " + token));
        String admin = tokens.getOrDefault("andrew", tokens.values().stream().findFirst().orElse(""));
        String reviewer = tokens.getOrDefault("ruth", admin);
        String agent = tokens.getOrDefault("agent-1", admin);
        out.println("    try the CLI against it (remote mode):");
        out.println("      export OMNIGRAPH_BEARER_TOKEN=" + reviewer);
        out.println("      omnigraph snapshot --server " + base + " --graph knowledge");
        out.println("      omnigraph query who_works_on --params '{\"project\":\"atlas\"}' --server " + base + " --graph knowledge");
        out.println("    or curl:");
        out.println("      curl -s " + base + "/healthz");
        out.println("      curl -s -H 'Authorization: Bearer " + reviewer + "' " + base + "/graphs");
        out.println("      curl -s -H 'Authorization: Bearer " + agent + "' " + base + "/graphs/knowledge/queries");
        out.println("      curl -s -H 'Authorization: Bearer " + reviewer + "' -H 'Content-Type: application/json' \\");
        out.println("           -d '{\"params\":{\"project\":\"atlas\"}}' " + base + "/graphs/knowledge/queries/who_works_on");
        out.println("      curl -s -H 'Authorization: Bearer " + agent + "' -H 'Content-Type: application/json' \\");
        out.println("           -d '{\"branch\":\"agent-1/demo\",\"params\":{\"slug\":\"kit\",\"name\":\"Kit\",\"role\":\"agent\"}}' \\");
        out.println("           " + base + "/graphs/knowledge/queries/add_person   # 404 until the branch exists:");
        out.println("      curl -s -H 'Authorization: Bearer " + agent + "' -H 'Content-Type: application/json' \\");
        out.println("           -d '{\"name\":\"agent-1/demo\"}' " + base + "/graphs/knowledge/branches");
        if (whileServing != null) {
            try {
                whileServing.accept(new Served(server, Map.copyOf(tokens)));
            } finally {
                server.close();
            }
            return StepOutcome.done("served " + base + " for " + tokens.size() + " demo actors");
        }
        out.println("    press Ctrl-C to stop");
        server.serveUntilShutdown(out);
        return StepOutcome.done("served " + base + " until stopped");
    }

    /** What a test sees of the running demo server. */
    record Served(ClusterServer server, Map<String, String> tokens) {
    }

    /** Every actor named in the cluster's policy bundles ({@code *.policy.yaml} next to cluster.yaml), sorted. */
    static SortedSet<String> actors(Path dir) throws IOException {
        SortedSet<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".policy.yaml")).sorted().toList()) {
                try {
                    out.addAll(PolicyBundle.parse(Files.readString(p), p.getFileName().toString()).actors());
                } catch (PolicyValidationException e) {
                    // an invalid bundle was already reported by validate/apply; it grants nobody anything
                }
            }
        }
        if (out.isEmpty()) {
            out.add("demo");
        }
        return out;
    }
}
