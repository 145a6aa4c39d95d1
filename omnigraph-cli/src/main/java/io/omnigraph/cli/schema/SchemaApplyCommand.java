package io.omnigraph.cli.schema;

import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CompilerOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph schema apply [URI] --schema NEW.pg [--allow-data-loss] [--json]}: migrates a graph's schema as one
 * commit (main only; no other branch may exist). Graphs inside a cluster evolve via {@code cluster apply}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply a new schema to a graph as one commit (supported steps only; main must be the only branch).",
                "Applying the schema already in force is a no-op."})
public final class SchemaApplyCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
    Optional<String> uri;

    @Option(names = "--schema", required = true, paramLabel = "NEW.pg", description = "The desired schema.")
    Path schema;

    @Option(names = "--allow-data-loss", description = "Drops are hard: dropped data is deleted, not kept for time travel.")
    boolean allowDataLoss;

    @Option(names = "--json", description = "Print {uri, supported, applied, step_count, graph_manifest_version, steps}.")
    boolean json;

    public SchemaApplyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String source = CompilerOutput.read(schema, "schema_file_missing", "--schema");
        io.omnigraph.cli.support.Scopes.Binding binding = target.binding(uri, Optional.empty());
        if (binding instanceof io.omnigraph.cli.support.Scopes.Binding.Store s) {
            io.omnigraph.cli.data.ClusterGuards.refuseManaged(s.uri(), "schema apply");
        }
        com.fasterxml.jackson.databind.JsonNode r;
        try (io.omnigraph.cli.plane.DataPlane plane = target.open(uri, Optional.empty(), true)) {
            io.omnigraph.cli.plane.Planes.echo(context, target.quiet(), "schema apply", plane);
            r = io.omnigraph.cli.plane.Planes.call(context, json, plane, () -> plane.applySchema(source, allowDataLoss, target.actor()));
        }
        if (json) {
            context.printJson(r);
        } else if (!r.path("applied").asBoolean()) {
            context.out().println("schema unchanged: nothing to apply (not applied)");
        } else {
            context.out().println("applied " + r.path("step_count").asLong() + " step(s) to " + r.path("uri").asText()
                    + " (graph manifest version " + r.path("graph_manifest_version").asLong() + ")");
            for (com.fasterxml.jackson.databind.JsonNode s : r.path("steps")) {
                context.out().println("  " + step(s));
            }
        }
        return 0;
    }

    /** A migration step of the wire shape as one line: {@code <kind> key=value …}. */
    static String step(com.fasterxml.jackson.databind.JsonNode s) {
        StringBuilder sb = new StringBuilder(s.path("kind").asText("step"));
        s.properties().forEach(e -> {
            if (!e.getKey().equals("kind")) {
                sb.append(' ').append(e.getKey()).append('=').append(e.getValue().isTextual() ? e.getValue().asText()
                        : e.getValue().toString());
            }
        });
        return sb.toString();
    }
}
