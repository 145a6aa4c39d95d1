package io.omnigraph.server.cluster;

import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.server.config.Env;

import java.util.Objects;

/**
 * What the boot pipeline needs besides the cluster itself.
 *
 * @param clusterArg       the {@code --cluster} argument as given (quoted in refusals)
 * @param requireAllGraphs strict mode: any quarantine is a boot failure
 * @param hasTokens        bearer tokens are configured (feeds the runtime-state classification)
 * @param unauthenticated  {@code --unauthenticated} was given
 * @param env              where {@code ${NAME}} embedding keys are resolved (the process environment)
 * @param openConcurrency  graphs opened in parallel (spec: 4)
 * @param storeOptions     engine tunables of every opened graph
 */
public record BootSettings(String clusterArg, boolean requireAllGraphs, boolean hasTokens, boolean unauthenticated,
                           Env env, int openConcurrency, GraphStoreOptions storeOptions) {
    public static final int DEFAULT_OPEN_CONCURRENCY = 4;

    public BootSettings {
        Objects.requireNonNull(clusterArg, "clusterArg");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(storeOptions, "storeOptions");
        if (openConcurrency < 1) {
            throw new IllegalArgumentException("openConcurrency must be >= 1");
        }
    }

    public static BootSettings of(String clusterArg, boolean requireAllGraphs, boolean hasTokens, boolean unauthenticated,
                                  Env env) {
        return new BootSettings(clusterArg, requireAllGraphs, hasTokens, unauthenticated, env, DEFAULT_OPEN_CONCURRENCY,
                GraphStoreOptions.defaults());
    }

    public BootSettings withStoreOptions(GraphStoreOptions options) {
        return new BootSettings(clusterArg, requireAllGraphs, hasTokens, unauthenticated, env, openConcurrency, options);
    }
}
