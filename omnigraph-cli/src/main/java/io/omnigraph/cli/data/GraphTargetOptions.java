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

    @Option(names = "--server", paramLabel = "NAME|URL", description = "A served graph: an operator `servers:` name or a URL (with --graph ID).")
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
     * the served lane ({@link #open}); cluster bindings are refused).
     *
     * @param positional the command's positional URI, if it has one
     * @param uriFlag    the command's {@code --uri} option, if it has one
     */
    public String resolve(Optional<String> positional, Optional<String> uriFlag) {
        io.omnigraph.cli.support.Scopes.Binding b = binding(positional, uriFlag);
        if (b instanceof io.omnigraph.cli.support.Scopes.Binding.Store s) {
            return s.uri();
        }
        throw new io.omnigraph.cli.support.CliException("invalid_scope", "`" + verb() + "` needs the graph's storage;"
                + " pass a storage URI or --store <uri>", io.omnigraph.cli.support.ExitCodes.USAGE);
    }

    /** The scope binding of this command line (cluster-server.md §6.3). */
    public io.omnigraph.cli.support.Scopes.Binding binding(Optional<String> positional, Optional<String> uriFlag) {
        if (context == null) {
            throw new IllegalStateException("GraphTargetOptions used outside Cli (no context bound)");
        }
        String verb = verb();
        return io.omnigraph.cli.support.Scopes.resolve(context, verb, io.omnigraph.cli.support.Addressing.capability(verb),
                positional, uriFlag);
    }

    /**
     * Opens the data plane this command line addresses: the embedded engine over a storage URI, or the served graph
     * of {@code --server} (or a profile / {@code defaults.server}) over HTTP.
     *
     * @param write whether the verb writes ({@code --as} is refused on served writes)
     */
    public io.omnigraph.cli.plane.DataPlane open(Optional<String> positional, Optional<String> uriFlag, boolean write) {
        return io.omnigraph.cli.plane.Planes.open(context, verb(), binding(positional, uriFlag), write, asFlag()
                .or(() -> context.flags().as()));
    }

    /** The verb path without the root, e.g. {@code "branch create"}. */
    public String verb() {
        String qualified = mixee.qualifiedName(" ");
        return qualified.contains(" ") ? qualified.substring(qualified.indexOf(' ') + 1) : qualified;
    }

    /** The run's context. */
    public io.omnigraph.cli.support.CliContext context() {
        return context;
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
        return context == null ? OperatorActor.configured()
                : io.omnigraph.cli.config.OperatorConfig.load(context.env()).actor();
    }

    public boolean quiet() {
        return quiet || (context != null && context.flags().quiet());
    }

    public boolean yes() {
        return yes || (context != null && context.flags().yes());
    }
}
