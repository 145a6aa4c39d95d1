package io.omnigraph.server.cluster;

import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.config.Env;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.config.ServerConfigException;
import io.omnigraph.server.http.OmnigraphServer;
import io.omnigraph.server.http.ServerStartException;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@code omnigraph-server --cluster}: boots the applied revision of a cluster ({@link ClusterBoot}), serves it over
 * HTTP ({@link OmnigraphServer}) and keeps it current ({@link ReloadingCluster}: ledger polling, {@code SIGHUP},
 * {@code POST /admin/reload}). The CLI's {@code ServerMain}, the tests, the benchmark and the demo all start servers
 * through this class.
 *
 * <pre>{@code
 * try (ClusterServer s = ClusterServer.start(ClusterServer.Options.of("/srv/company-brain", config, tokens))) {
 *     s.serveUntilShutdown(System.out);   // prints OMNIGRAPH_LISTEN_ADDR=<ip:port>, returns after SIGINT/SIGTERM
 * }
 * }</pre>
 */
public final class ClusterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterServer.class);
    /** Environment variable: ledger poll interval in seconds ({@code 0} disables polling). */
    public static final String ENV_RELOAD_INTERVAL = "OMNIGRAPH_RELOAD_INTERVAL";
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    /**
     * How to start.
     *
     * @param clusterArg     {@code --cluster}: config directory or storage-root URI
     * @param config         bind address, auth opt-in, strict mode, limits
     * @param tokens         bearer tokens (already loaded and validated)
     * @param env            the environment {@code ${NAME}} embedding keys resolve from
     * @param reloadInterval ledger poll interval; zero disables polling (SIGHUP and the admin route still work)
     * @param handleSighup   install a {@code SIGHUP} handler that reloads (processes only; tests pass false)
     * @param storeOpener    opens the storage root location (tests wrap it to inject faults)
     * @param storeOptions   engine tunables of every opened graph
     */
    public record Options(String clusterArg, ServerConfig config, BearerTokens tokens, Env env, Duration reloadInterval,
                          boolean handleSighup, Function<String, ObjectStore> storeOpener,
                          GraphStoreOptions storeOptions) {
        public Options {
            Objects.requireNonNull(clusterArg, "clusterArg");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(reloadInterval, "reloadInterval");
            Objects.requireNonNull(storeOpener, "storeOpener");
            Objects.requireNonNull(storeOptions, "storeOptions");
        }

        /** Defaults: process environment, 5 s polling, no SIGHUP handler, real stores. */
        public static Options of(String clusterArg, ServerConfig config, BearerTokens tokens) {
            return new Options(clusterArg, config, tokens, Env.system(), DEFAULT_RELOAD_INTERVAL, false,
                    ObjectStores::open, GraphStoreOptions.defaults());
        }

        public Options withConfig(java.util.function.UnaryOperator<ServerConfig> tweak) {
            return new Options(clusterArg, tweak.apply(config), tokens, env, reloadInterval, handleSighup, storeOpener,
                    storeOptions);
        }

        public Options withEnv(Env e) {
            return new Options(clusterArg, config, tokens, e, reloadInterval, handleSighup, storeOpener, storeOptions);
        }

        public Options withReloadInterval(Duration d) {
            return new Options(clusterArg, config, tokens, env, d, handleSighup, storeOpener, storeOptions);
        }

        public Options withSighup(boolean on) {
            return new Options(clusterArg, config, tokens, env, reloadInterval, on, storeOpener, storeOptions);
        }

        public Options withStoreOpener(Function<String, ObjectStore> o) {
            return new Options(clusterArg, config, tokens, env, reloadInterval, handleSighup, o, storeOptions);
        }

        public Options withStoreOptions(GraphStoreOptions o) {
            return new Options(clusterArg, config, tokens, env, reloadInterval, handleSighup, storeOpener, o);
        }
    }

    private final OmnigraphServer http;
    private final ReloadingCluster cluster;
    private final ObjectStore root;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private ClusterServer(OmnigraphServer http, ReloadingCluster cluster, ObjectStore root) {
        this.http = http;
        this.cluster = cluster;
        this.root = root;
    }

    /**
     * Boots the cluster and binds. Prints nothing.
     *
     * @throws BootFailure         the cluster is not ready to serve (the message is the full refusal)
     * @throws ServerStartException the auth/policy combination is refused or the address cannot be bound
     */
    public static ClusterServer start(Options o) throws BootFailure, ServerStartException {
        String location = ClusterArgument.storageRoot(o.clusterArg());
        ObjectStore root;
        try {
            root = o.storeOpener().apply(location);
        } catch (StoreException e) {
            throw new BootFailure("the cluster at '" + o.clusterArg() + "' is not ready to serve:\n  [storage_root_invalid] "
                    + location + ": " + e.getMessage(), List.of("storage_root_invalid"));
        }
        BootSettings settings = new BootSettings(o.clusterArg(), o.config().requireAllGraphs(), !o.tokens().isEmpty(),
                o.config().unauthenticated(), o.env(), BootSettings.DEFAULT_OPEN_CONCURRENCY, o.storeOptions());
        ReloadingCluster cluster;
        try {
            cluster = ReloadingCluster.boot(root, settings, o.reloadInterval());
        } catch (BootFailure | RuntimeException e) {
            root.close();
            throw e;
        }
        OmnigraphServer http;
        try {
            http = OmnigraphServer.start(o.config(), o.tokens(), cluster);
        } catch (ServerStartException | RuntimeException e) {
            cluster.close();
            root.close();
            throw e;
        }
        ClusterServer server = new ClusterServer(http, cluster, root);
        cluster.startPolling();
        if (o.handleSighup()) {
            Sighup.install(() -> cluster.reload("sighup"));
        }
        return server;
    }

    /** Parses {@link #ENV_RELOAD_INTERVAL} (whole seconds ≥ 0). */
    public static Duration reloadInterval(Env env, Optional<String> flag) throws ServerConfigException {
        Optional<String> raw = flag.isPresent() ? flag : env.get(ENV_RELOAD_INTERVAL);
        String name = flag.isPresent() ? "--reload-interval" : ENV_RELOAD_INTERVAL;
        if (raw.isEmpty()) {
            return DEFAULT_RELOAD_INTERVAL;
        }
        try {
            long s = Long.parseLong(raw.get().trim());
            if (s >= 0 && s <= 86_400) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ServerConfigException(name + "='" + raw.get().trim() + "' is not a whole number of seconds (0..86400;"
                + " 0 disables ledger polling)");
    }

    public OmnigraphServer http() {
        return http;
    }

    public ReloadingCluster cluster() {
        return cluster;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * Prints exactly one stdout line {@code OMNIGRAPH_LISTEN_ADDR=<ip:port>}, then serves until SIGINT/SIGTERM (a
     * shutdown hook closes gracefully) or {@link #close()}.
     */
    public void serveUntilShutdown(PrintStream stdout) throws InterruptedException {
        stdout.println(http.listenAddressLine());
        stdout.flush();
        Thread hook = new Thread(this::close, "omnigraph-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            terminated.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting through the hook itself
            }
        }
    }

    /** Graceful stop: the listener closes, in-flight requests finish (shutdown grace), then the engine handles close. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            http.close();
        } finally {
            try {
                cluster.close();
                root.close();
            } finally {
                LOG.info("stopped");
                terminated.countDown();
            }
        }
    }
}
