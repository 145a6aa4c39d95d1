package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.error.EngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code omnigraph init --schema S.pg URI [--force]}: creates a graph (direct storage only). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a graph at a storage location (a path, file:///path or s3://bucket/prefix).",
                "Strict: refuses a location that holds a graph or anything else; --force only replaces leftovers of an "
                        + "unfinished init. Graphs inside a cluster are created by `cluster apply`."})
public final class InitCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--schema", required = true, paramLabel = "S.pg", description = "The graph's schema.")
    Path schema;

    @Parameters(index = "0", paramLabel = "URI", description = "Where to create the graph.")
    String uri;

    @Option(names = "--force", description = "Replace leftover graph artefacts when no graph exists there.")
    boolean force;

    @Option(names = "--json", description = "Print {\"uri\", \"graph_commit_id\"} as JSON.")
    boolean json;

    public InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String source = CompilerOutput.read(schema, "schema_file_missing", "--schema");
        ClusterGuards.refuseManaged(uri, "init");
        if (Engines.isLocal(uri)) {
            Path dir = Path.of(uri.startsWith("file://") ? uri.substring(7) : uri);
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new CliException("storage_failure", "cannot create " + dir + ": " + e.getMessage());
            }
        }
        try (Graph g = Engines.call(() -> OmniGraph.init(uri, source, InitOptions.defaults().withForce(force)
                .withSchemaFileName(schema.toString())))) {
            if (json) {
                context.printJson(context.json().createObjectNode().put("uri", uri).put("graph_id", g.graphId()));
            } else {
                context.out().println("initialized " + uri);
            }
        } catch (CliException e) {
            throw e;
        } catch (EngineException.Compile e) {
            throw Engines.compileFailure(context, e, json);
        }
        return 0;
    }
}
