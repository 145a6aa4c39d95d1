package io.omnigraph.cli.schema;

import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code omnigraph schema …}: schema tooling. Offline subcommands ({@code check}, {@code plan --from --to}) need no
 * graph; graph-addressed subcommands ({@code apply}, {@code show}) belong to the engine and register here too.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Check .pg schemas, plan and apply migrations, show a graph's schema.",
        subcommands = {SchemaCheckCommand.class, SchemaPlanCommand.class, SchemaApplyCommand.class,
                SchemaShowCommand.class})
public final class SchemaCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public SchemaCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }
}
