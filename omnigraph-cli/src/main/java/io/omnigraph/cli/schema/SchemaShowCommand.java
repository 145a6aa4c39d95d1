package io.omnigraph.cli.schema;

import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph schema show|get [URI] [--json]}: the graph's current schema source. */
@Command(name = "show", aliases = "get", mixinStandardHelpOptions = true, description = "Print a graph's current .pg schema.")
public final class SchemaShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
    Optional<String> uri;

    @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Branch (default: main).")
    String branch;

    @Option(names = "--json", description = "Print {\"schema_source\": …} as JSON.")
    boolean json;

    public SchemaShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String source;
        try (io.omnigraph.cli.plane.DataPlane plane = target.open(uri, Optional.empty(), false)) {
            source = io.omnigraph.cli.plane.Planes.call(context, json, plane, () -> plane.schemaSource(branch));
        }
        if (json) {
            context.printJson(context.json().createObjectNode().put("schema_source", source));
        } else {
            context.out().print(source.endsWith("\n") ? source : source + "\n");
        }
        return 0;
    }
}
