package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a data command addresses its graph (cluster-server.md §6.3, direct lane): a positional URI or {@code --store}
 * (a local path, {@code file://…}, {@code s3://…}), at most one way. {@code --server} and {@code --cluster} are
 * recognised so the mutual-exclusion rule reads right, and refused until the remote lane exists. Also carries the
 * global write flags {@code --as}, {@code --quiet} and {@code --yes}.
 */
public final class GraphTargetOptions {
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

    /**
     * The storage URI to use.
     *
     * @param positional the command's positional URI, if it has one
     * @param uriFlag    the command's {@code --uri} option, if it has one
     */
    public String resolve(Optional<String> positional, Optional<String> uriFlag) {
        List<String> ways = new ArrayList<>();
        positional.ifPresent(p -> ways.add("the positional URI"));
        uriFlag.ifPresent(p -> ways.add("--uri"));
        if (store != null) {
            ways.add("--store");
        }
        if (server != null) {
            ways.add("--server");
        }
        if (cluster != null) {
            ways.add("--cluster");
        }
        if (ways.size() > 1) {
            throw new CliException("usage", ways.get(0) + " and " + ways.get(1)
                    + " are mutually exclusive — pick one way to address the graph", ExitCodes.USAGE);
        }
        if (server != null) {
            throw new CliException("unsupported", "--server (served) mode is not available in this build yet; address the"
                    + " graph's storage directly with --store <uri>");
        }
        if (cluster != null) {
            throw new CliException("usage", "a cluster binding cannot run data commands: run data commands through a"
                    + " server, or use --store <uri> (the graph's storage, e.g. <root>/graphs/<id>.omni)", ExitCodes.USAGE);
        }
        String uri = positional.or(() -> uriFlag).orElse(store);
        if (uri == null) {
            throw new CliException("usage", "no graph addressed — pass a positional URI, --store <uri>, --server <name>,"
                    + " --profile <name>, or set a default scope in ~/.omnigraph/config.yaml", ExitCodes.USAGE);
        }
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new CliException("usage", "a remote graph must be addressed with `--server <url>`, not as a storage URI ("
                    + uri + ")", ExitCodes.USAGE);
        }
        return uri;
    }

    /** {@code --as} > {@code operator.actor} > none. */
    public Optional<String> actor() {
        if (actor != null && !actor.isBlank()) {
            return Optional.of(actor);
        }
        return OperatorActor.configured();
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean yes() {
        return yes;
    }
}
