package io.omnigraph.cli.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.migrate.MigrationPlan;
import io.omnigraph.compiler.migrate.MigrationPlanner;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph schema plan --from OLD.pg --to NEW.pg [--allow-data-loss] [--json]}: offline migration preview.
 * The graph-addressed form {@code schema plan URI --schema NEW.pg} plans against a graph's accepted schema and is
 * provided by the engine.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Preview a migration: against a graph (URI --schema NEW.pg) or offline (--from OLD.pg --to NEW.pg).",
                "Prints one line per step; unsupported changes say why and would block apply."})
public final class SchemaPlanCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "A graph to plan against (engine; not offline).")
    Optional<String> uri;

    @Option(names = "--store", paramLabel = "URI", description = "A graph to plan against (alternative to the positional URI).")
    String store;

    @Option(names = "--from", paramLabel = "OLD.pg", description = "The accepted (current) schema.")
    Path from;

    @Option(names = {"--to", "--schema"}, paramLabel = "NEW.pg", required = true, description = "The desired schema.")
    Path to;

    @Option(names = "--allow-data-loss", description = "Plan drops as hard (data deleted) instead of soft.")
    boolean allowDataLoss;

    @Option(names = "--json", description = "Print the plan as JSON: {\"supported\", \"steps\"}.")
    boolean json;

    public SchemaPlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (uri.isPresent() || store != null) {
            if (uri.isPresent() && store != null) {
                throw new CliException("usage", "the positional URI and --store are mutually exclusive — pick one way to"
                        + " address the graph", io.omnigraph.cli.support.ExitCodes.USAGE);
            }
            if (from != null) {
                throw new CliException("usage", "--from plans offline between two files; against a graph the accepted"
                        + " schema is the graph's — drop --from", io.omnigraph.cli.support.ExitCodes.USAGE);
            }
            return SchemaGraphCommands.plan(context, uri.orElse(store), to, allowDataLoss, json);
        }
        if (from == null) {
            throw new CliException("usage", "offline planning needs --from OLD.pg (the accepted schema) and --to NEW.pg",
                    io.omnigraph.cli.support.ExitCodes.USAGE);
        }
        String oldSource = CompilerOutput.read(from, "schema_file_missing", "--from");
        String newSource = CompilerOutput.read(to, "schema_file_missing", "--to");
        CompiledSchema accepted;
        try {
            accepted = SchemaCompiler.compile(oldSource, from.toString());
        } catch (CompileException e) {
            throw CompilerOutput.failure(context, e, "schema", json);
        }
        MigrationPlan plan;
        try {
            plan = MigrationPlanner.plan(accepted, newSource, to.toString(), allowDataLoss).plan();
        } catch (CompileException e) {
            throw CompilerOutput.failure(context, e, "schema", json);
        }
        if (json) {
            ObjectNode o = plan.toJson();
            context.printJson(o);
            return 0;
        }
        context.out().println("schema plan " + from + " -> " + to + (plan.supported() ? "" : "  (UNSUPPORTED)"));
        if (plan.isEmpty()) {
            context.out().println("  no changes");
        }
        plan.render().forEach(line -> context.out().println("  " + line));
        plan.refusal().ifPresent(r -> context.out().println("apply would be refused: " + r));
        return 0;
    }
}
