package io.omnigraph.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of one server process (everything except the cluster to serve and the tokens).
 *
 * @param bind             listen address ({@code --bind}, default {@code 127.0.0.1:8080})
 * @param unauthenticated  explicit opt-in to Open mode ({@code --unauthenticated} / {@code OMNIGRAPH_UNAUTHENTICATED})
 * @param requireAllGraphs any quarantine is a boot failure ({@code --require-all-graphs} /
 *                         {@code OMNIGRAPH_REQUIRE_ALL_GRAPHS}); enforced by the boot pipeline
 * @param limits           body and admission limits
 * @param idleTimeout      a connection that makes no progress (reading the request or writing the response) for
 *                         this long is closed; protects against slow clients. Default 5 minutes
 * @param shutdownGrace    how long a graceful stop waits for in-flight requests. Default 30 seconds
 * @param version          product version for {@code /healthz}
 * @param sourceVersion    source revision for {@code /healthz} ({@code source_version}), when known
 */
public record ServerConfig(BindAddress bind, boolean unauthenticated, boolean requireAllGraphs, Limits limits,
                           Duration idleTimeout, Duration shutdownGrace, String version,
                           Optional<String> sourceVersion) {
    public static final String ENV_UNAUTHENTICATED = "OMNIGRAPH_UNAUTHENTICATED";
    public static final String ENV_REQUIRE_ALL_GRAPHS = "OMNIGRAPH_REQUIRE_ALL_GRAPHS";
    public static final String ENV_INFLIGHT_MAX = "OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX";
    public static final String ENV_BYTES_MAX = "OMNIGRAPH_PER_ACTOR_BYTES_MAX";
    public static final String ENV_BIND = "OMNIGRAPH_BIND";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(version, "version");
        sourceVersion = sourceVersion == null ? Optional.empty() : sourceVersion;
        if (idleTimeout.isNegative() || idleTimeout.isZero() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Defaults with the given bind address and auth opt-in (tests, embedding). */
    public static ServerConfig defaults(BindAddress bind, boolean unauthenticated) {
        return new ServerConfig(bind, unauthenticated, false, Limits.DEFAULTS, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_SHUTDOWN_GRACE, ServerVersion.current(), Optional.empty());
    }

    /**
     * Resolves the configuration from command-line flags and the environment. Flags win; boolean flags are OR-ed
     * with their environment variables; {@code bindFlag} falls back to {@code OMNIGRAPH_BIND}, then the default.
     *
     * @throws ServerConfigException naming the flag or variable with an unusable value
     */
    public static ServerConfig resolve(Env env, Optional<String> bindFlag, boolean unauthenticatedFlag,
                                       boolean requireAllGraphsFlag) throws ServerConfigException {
        BindAddress bind = BindAddress.DEFAULT;
        if (bindFlag.isPresent()) {
            bind = BindAddress.parse(bindFlag.get(), "--bind");
        } else if (env.get(ENV_BIND).isPresent()) {
            bind = BindAddress.parse(env.get(ENV_BIND).get(), ENV_BIND);
        }
        int inFlight = (int) positive(env, ENV_INFLIGHT_MAX, Limits.DEFAULT_INFLIGHT_MAX, Integer.MAX_VALUE);
        long bytes = positive(env, ENV_BYTES_MAX, Limits.DEFAULT_BYTES_MAX, Long.MAX_VALUE);
        return new ServerConfig(bind, unauthenticatedFlag || env.flag(ENV_UNAUTHENTICATED),
                requireAllGraphsFlag || env.flag(ENV_REQUIRE_ALL_GRAPHS),
                Limits.DEFAULTS.withAdmission(inFlight, bytes), DEFAULT_IDLE_TIMEOUT, DEFAULT_SHUTDOWN_GRACE,
                ServerVersion.current(), Optional.empty());
    }

    public ServerConfig withRequireAllGraphs(boolean value) {
        return new ServerConfig(bind, unauthenticated, value, limits, idleTimeout, shutdownGrace, version,
                sourceVersion);
    }

    public ServerConfig withLimits(Limits value) {
        return new ServerConfig(bind, unauthenticated, requireAllGraphs, value, idleTimeout, shutdownGrace, version,
                sourceVersion);
    }

    public ServerConfig withIdleTimeout(Duration value) {
        return new ServerConfig(bind, unauthenticated, requireAllGraphs, limits, value, shutdownGrace, version,
                sourceVersion);
    }

    public ServerConfig withShutdownGrace(Duration value) {
        return new ServerConfig(bind, unauthenticated, requireAllGraphs, limits, idleTimeout, value, version,
                sourceVersion);
    }

    private static long positive(Env env, String name, long dflt, long max) throws ServerConfigException {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return dflt;
        }
        String v = raw.get().trim();
        try {
            long parsed = Long.parseLong(v);
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ServerConfigException(name + "='" + v + "' is not a positive whole number (1.." + max
                + "); unset it to use the default " + dflt);
    }
}
