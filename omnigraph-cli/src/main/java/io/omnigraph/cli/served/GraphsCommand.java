package io.omnigraph.cli.served;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.plane.RemotePlane;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.cli.support.Scopes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph graphs list [--json]}: the graphs a server serves ({@code GET /graphs}). */
@Command(name = "graphs", mixinStandardHelpOptions = true, description = "Graphs served by an omnigraph-server.",
        subcommands = {GraphsCommand.ListCommand.class})
public final class GraphsCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public GraphsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    /** {@code graphs list}: the bare server URL (never {@code /graphs/<id>}; {@code default_graph} ignored). */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the served graphs: id<TAB>uri.")
    public static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--json", description = "Print {\"graphs\": [{graph_id, uri}]} as JSON.")
        boolean json;

        public ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Scopes.Binding b = Scopes.resolve(context, "graphs list", io.omnigraph.cli.support.Addressing.Capability.SERVED,
                    Optional.empty(), Optional.empty());
            if (!(b instanceof Scopes.Binding.Server s)) {
                throw new CliException("invalid_scope", "`graphs list` needs a server; address it with --server <name|url>"
                        + " or a server profile", ExitCodes.USAGE);
            }
            RemotePlane plane = Planes.remote(context, s.server(), Optional.of("-")).root();
            JsonNode graphs = Planes.call(context, json || context.flags().json(), plane::graphs);
            if (json || context.flags().json()) {
                context.printJson(graphs);
            } else {
                graphs.path("graphs").forEach(g -> context.out().println(g.path("graph_id").asText() + "\t"
                        + g.path("uri").asText()));
            }
            return 0;
        }
    }
}
