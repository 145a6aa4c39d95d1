package io.omnigraph.cli.data;

import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * How a data command addresses its graph (cluster-server.md §6.3, direct lane): a positional URI or {@code --store}
 * (a local path, {@code file://…}, {@code s3://…}), at most one way. {@code --server} and {@code --cluster} are
 * recognised so the mutual-exclusion rule reads right, and refused until the remote lane exists. Also carries the
 * global write flags {@code --as}, {@code --quiet} and {@code --yes}.
 */
public final class GraphTargetOptions implements io.omnigraph.cli.support.GlobalOptions.ContextAware {
    @Option(names = "--store", paramLabel = "URI", description = "The graph's storage: a path, file:///path or s3://bucket/prefix.")
    String store;

    @Option(names = "--server", paramLabel = "NAME|URL", description = "Address a graph served by omnigraph-server (not available in this build).")
    String server;

    @Option(names = "--cluster", paramLabel = "DIR|URI|NAME", description = "Address a cluster (data commands run through a server).")
    String cluster;

    @Option(names = "--as", paramLabel = "ACTOR", description = "Actor recorded on direct writes (default: operator.actor of the operator config).")
    String actor;

    @Option(names = "--quiet", description = "Do not echo the write target on stderr.")
    boolean quiet;

    @Option(names = "--yes", description = "Consent to destructive writes against non-local targets.")
    boolean yes;

    private io.omnigraph.cli.support.CliContext context;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Override
    public void bind(io.omnigraph.cli.support.CliContext c) {
        this.context = c;
    }

    /**
     * The storage URI to use (scope resolution of cluster-server.md §6.3 for an {@code any} verb: a positional URI,
     * {@code --store}, a profile or {@code defaults.store}; {@code --server} / server bindings fail with
     * {@code remote_mode_unavailable} until the remote client exists; cluster bindings are refused).
     *
     * @param positional the command's positional URI, if it has one
     * @param uriFlag    the command's {@code --uri} option, if it has one
     */
    public String resolve(Optional<String> positional, Optional<String> uriFlag) {
        if (context == null) {
            throw new IllegalStateException("GraphTargetOptions used outside Cli (no context bound)");
        }
        String qualified = mixee.qualifiedName(" ");
        String verb = qualified.contains(" ") ? qualified.substring(qualified.indexOf(' ') + 1) : qualified;
        io.omnigraph.cli.support.Scopes.Binding b = io.omnigraph.cli.support.Scopes.resolve(context, verb,
                io.omnigraph.cli.support.Addressing.capability(verb), positional, uriFlag);
        return ((io.omnigraph.cli.support.Scopes.Binding.Store) b).uri();
    }

    /** True when {@code --store}, {@code --server} or {@code --cluster} addresses the graph (no positional URI needed). */
    public boolean addressedByFlag() {
        return store != null || server != null || cluster != null;
    }

    /** The {@code --as} flag as given (no operator-config fallback); reads reject it. */
    public Optional<String> asFlag() {
        return Optional.ofNullable(actor);
    }

    /** {@code --as} > {@code operator.actor} > none. */
    public Optional<String> actor() {
        if (actor != null && !actor.isBlank()) {
            return Optional.of(actor);
        }
        if (context != null && context.flags().as().isPresent()) {
            return context.flags().as();
        }
        return OperatorActor.configured();
    }

    public boolean quiet() {
        return quiet || (context != null && context.flags().quiet());
    }

    public boolean yes() {
        return yes || (context != null && context.flags().yes());
    }
}
