package io.omnigraph.cli;

import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.cli.support.Version;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.auth.TokenConfigException;
import io.omnigraph.server.cluster.BootFailure;
import io.omnigraph.server.cluster.ClusterServer;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.config.ServerConfigException;
import io.omnigraph.server.http.ServerStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code bin/omnigraph-server}: serves the applied revision of a cluster over HTTP (docs/server.md).
 *
 * <p>Exit codes: 0 after a graceful stop (SIGINT/SIGTERM); 1 when the cluster is not ready to serve, the auth
 * configuration is refused or the address cannot be bound; 2 for a bad command line (no {@code --cluster}, a legacy
 * boot source, an unusable flag or variable value); 64 when the container variables combine {@code OMNIGRAPH_CLUSTER}
 * with a legacy {@code OMNIGRAPH_TARGET_URI} / {@code OMNIGRAPH_CONFIG} / {@code OMNIGRAPH_TARGET}.
 */
@Command(name = "omnigraph-server", mixinStandardHelpOptions = true,
        versionProvider = ServerMain.VersionProvider.class,
        description = {"Serve the applied revision of an OmniGraph cluster over HTTP.",
                "--cluster is the only boot source: a config directory, or its storage-root URI (s3://bucket/prefix)."},
        footer = {"", "Environment: OMNIGRAPH_CLUSTER, OMNIGRAPH_BIND, OMNIGRAPH_REQUIRE_ALL_GRAPHS, OMNIGRAPH_UNAUTHENTICATED,",
                "  OMNIGRAPH_SERVER_BEARER_TOKENS_FILE / _JSON / OMNIGRAPH_SERVER_BEARER_TOKEN, OMNIGRAPH_RELOAD_INTERVAL,",
                "  OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX, OMNIGRAPH_PER_ACTOR_BYTES_MAX, AWS_* for s3:// roots.",
                "Reload a newly applied revision without a restart: SIGHUP, POST /admin/reload, or wait for the ledger poll.",
                "Docs: docs/server.md."})
public final class ServerMain implements Callable<Integer> {
    static final String ENV_CLUSTER = "OMNIGRAPH_CLUSTER";
    static final List<String> LEGACY_ENV = List.of("OMNIGRAPH_TARGET_URI", "OMNIGRAPH_CONFIG", "OMNIGRAPH_TARGET");
    static final int EX_USAGE_ENV = 64;
    static final String NO_CLUSTER = "omnigraph-server boots from a cluster: pass --cluster <dir|s3://bucket/prefix> (or set"
            + " OMNIGRAPH_CLUSTER). The legacy single-graph boot (a graph URI, --config, --target) has been removed;"
            + " declare the graph in cluster.yaml and run `omnigraph cluster apply`.";

    @Option(names = "--cluster", paramLabel = "DIR|URI",
            description = "Cluster config directory or storage-root URI (env OMNIGRAPH_CLUSTER).")
    String cluster;

    @Option(names = "--bind", paramLabel = "HOST:PORT",
            description = "Listen address (default 127.0.0.1:8080; env OMNIGRAPH_BIND; port 0 picks a free port).")
    String bind;

    @Option(names = "--unauthenticated", description = "Serve without bearer tokens (local development only).")
    boolean unauthenticated;

    @Option(names = "--require-all-graphs", description = "Refuse to boot when any graph would be quarantined.")
    boolean requireAllGraphs;

    @Option(names = "--reload-interval", paramLabel = "SECONDS",
            description = "How often to check the cluster ledger for a newly applied revision (default 5; 0 = never;"
                    + " env OMNIGRAPH_RELOAD_INTERVAL).")
    String reloadInterval;

    @Option(names = {"--config", "--target"}, hidden = true)
    String legacySource;

    @Parameters(hidden = true, arity = "0..*")
    List<String> positional = new ArrayList<>();

    private final Env env;
    private final PrintStream out;
    private final PrintStream err;

    public ServerMain() {
        this(Env.system(), System.out, System.err);
    }

    /** For tests: an explicit environment and output streams. */
    public ServerMain(Env env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new ServerMain()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        if (legacySource != null || !positional.isEmpty()) {
            err.println("error: --cluster is the only boot source and cannot be combined with a graph URI, --config or"
                    + " --target. " + NO_CLUSTER);
            return ExitCodes.USAGE;
        }
        Optional<String> fromEnv = env.get(ENV_CLUSTER).map(String::trim);
        if (cluster == null && fromEnv.isPresent()) {
            List<String> legacy = LEGACY_ENV.stream().filter(n -> env.get(n).isPresent()).toList();
            if (!legacy.isEmpty()) {
                err.println("error: OMNIGRAPH_CLUSTER cannot be combined with " + String.join(", ", legacy)
                        + " (legacy single-graph boot); unset " + (legacy.size() == 1 ? "it" : "them"));
                return EX_USAGE_ENV;
            }
        }
        String clusterArg = cluster != null ? cluster : fromEnv.orElse(null);
        if (clusterArg == null || clusterArg.isBlank()) {
            err.println("error: " + NO_CLUSTER);
            return ExitCodes.USAGE;
        }
        ServerConfig config;
        Duration interval;
        try {
            config = ServerConfig.resolve(env, Optional.ofNullable(bind), unauthenticated, requireAllGraphs);
            interval = ClusterServer.reloadInterval(env, Optional.ofNullable(reloadInterval));
        } catch (ServerConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        BearerTokens tokens;
        try {
            tokens = BearerTokens.load(env);
        } catch (TokenConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        ClusterServer.Options options = ClusterServer.Options.of(clusterArg, config, tokens).withEnv(env)
                .withReloadInterval(interval).withSighup(true);
        ClusterServer server;
        try {
            server = ClusterServer.start(options);
        } catch (BootFailure | ServerStartException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        try {
            server.serveUntilShutdown(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return ExitCodes.OK;
    }

    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"omnigraph-server " + Version.version()};
        }
    }
}
