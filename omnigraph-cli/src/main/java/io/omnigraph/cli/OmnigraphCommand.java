package io.omnigraph.cli;

import io.omnigraph.cli.cluster.ClusterCommand;
import io.omnigraph.cli.demo.DemoCommand;
import io.omnigraph.cli.policy.PolicyCommand;
import io.omnigraph.cli.lint.LintCommand;
import io.omnigraph.cli.schema.SchemaCommand;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The root {@code omnigraph} command. Subcommands are listed in {@link Commands}. */
@Command(name = "omnigraph",
        mixinStandardHelpOptions = true,
        versionProvider = OmnigraphCommand.VersionProvider.class,
        description = "OmniGraph: a typed, versioned property-graph database for fleets of AI agents.",
        subcommands = {CommandLine.HelpCommand.class, VersionCommand.class, DemoCommand.class,
                PolicyCommand.class, SchemaCommand.class, LintCommand.class, ClusterCommand.class,
                io.omnigraph.cli.data.InitCommand.class, io.omnigraph.cli.data.LoadCommand.class,
                io.omnigraph.cli.data.MutateCommand.class, io.omnigraph.cli.query.QueryCommand.class,
                io.omnigraph.cli.data.SnapshotCommand.class,
                io.omnigraph.cli.data.ExportCommand.class, io.omnigraph.cli.data.CommitCommand.class,
                io.omnigraph.cli.branch.BranchCommand.class,
                io.omnigraph.cli.maintenance.OptimizeCommand.class, io.omnigraph.cli.maintenance.RepairCommand.class,
                io.omnigraph.cli.maintenance.CleanupCommand.class, io.omnigraph.cli.history.ChangesCommand.class,
                io.omnigraph.cli.served.GraphsCommand.class,
                io.omnigraph.cli.operator.LoginCommand.class, io.omnigraph.cli.operator.LogoutCommand.class,
                io.omnigraph.cli.operator.AliasCommand.class, io.omnigraph.cli.operator.ProfileCommand.class,
                io.omnigraph.cli.operator.CompletionCommand.class,
                io.omnigraph.cli.mcp.McpCommand.class,
                io.omnigraph.cli.blob.BlobCommand.class,
                io.omnigraph.cli.queries.QueriesCommand.class},
        footer = {"", "Docs: docs/cli.md. Exit codes: 0 ok, 1 error, 2 usage, 4 lost --if-commit."})
public final class OmnigraphCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public OmnigraphCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"omnigraph " + Version.version()};
        }
    }
}
