package io.omnigraph.cli.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.compiler.migrate.MigrationStep;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.SchemaApplyResult;
import io.omnigraph.engine.error.EngineException;
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
        String location = target.resolve(uri, Optional.empty());
        String source = CompilerOutput.read(schema, "schema_file_missing", "--schema");
        io.omnigraph.cli.data.ClusterGuards.refuseManaged(location, "schema apply");
        Engines.echo(context, target, "schema apply", location);
        SchemaApplyResult r;
        try (Graph g = Engines.open(location)) {
            r = g.applySchema(Engines.actor(target.actor()), source, allowDataLoss);
        } catch (EngineException.Compile e) {
            throw Engines.compileFailure(context, e, json);
        } catch (EngineException e) {
            throw Engines.translate(e);
        }
        if (json) {
            ObjectNode o = context.json().createObjectNode();
            o.put("uri", location);
            o.put("supported", r.supported());
            o.put("applied", r.applied());
            o.put("step_count", r.stepCount());
            o.put("graph_manifest_version", r.graphManifestVersion());
            ArrayNode steps = o.putArray("steps");
            r.plan().steps().forEach(s -> steps.add(s.toJson()));
            context.printJson(o);
        } else if (!r.applied()) {
            context.out().println("schema unchanged: nothing to apply (not applied)");
        } else {
            context.out().println("applied " + r.stepCount() + " step(s) to " + location + " (graph manifest version "
                    + r.graphManifestVersion() + ")");
            for (MigrationStep s : r.plan().steps()) {
                context.out().println("  " + s.render());
            }
        }
        return 0;
    }
}
