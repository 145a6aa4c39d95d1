package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph commit list|show}: graph history. */
@Command(name = "commit", mixinStandardHelpOptions = true, description = "Inspect graph commits.",
        subcommands = {CommitCommand.ListCommand.class, CommitCommand.ShowCommand.class,
                io.omnigraph.cli.history.CommitChangesCommand.class})
public final class CommitCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public CommitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    static String line(CommitInfo c) {
        return c.graphCommitId() + "  v" + c.graphManifestVersion() + "  " + Instant.ofEpochMilli(c.createdAt() / 1000)
                + "  " + c.actorId().orElse("-") + "  " + c.operation()
                + (c.message().isEmpty() ? "" : ": " + c.message())
                + c.parentCommitId().map(p -> "  (parent " + p + c.mergedParentCommitId().map(m -> ", merged " + m).orElse("")
                + ")").orElse("  (root)");
    }

    /** {@code commit list [URI] [--branch B] [--limit N] [--json]}: newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a branch's commits, newest first.")
    public static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
        Optional<String> uri;

        @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Branch (default: main).")
        String branch;

        @Option(names = "--limit", defaultValue = "1000", paramLabel = "N", description = "At most N commits (default 1000).")
        int limit;

        @Option(names = "--json", description = "Print {\"commits\": [...]} as JSON.")
        boolean json;

        public ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String location = target.resolve(uri, Optional.empty());
            List<CommitInfo> commits;
            try (Graph g = Engines.open(location)) {
                commits = Engines.call(() -> g.commits(Engines.actor(target.actor()), branch, Math.max(1, limit)));
            }
            if (json) {
                ObjectNode o = context.json().createObjectNode();
                ArrayNode a = o.putArray("commits");
                commits.forEach(c -> a.add(Wire.commit(c)));
                context.printJson(o);
            } else {
                commits.forEach(c -> context.out().println(line(c)));
            }
            return 0;
        }
    }

    /** {@code commit show [--uri U] ID [--json]}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one commit.")
    public static final class ShowCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
        String uriFlag;

        @Parameters(index = "0", paramLabel = "ID", description = "The commit id.")
        String id;

        @Option(names = "--json", description = "Print the commit as JSON.")
        boolean json;

        public ShowCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String location = target.resolve(Optional.empty(), Optional.ofNullable(uriFlag));
            Optional<CommitInfo> c;
            try (Graph g = Engines.open(location)) {
                c = Engines.call(() -> g.commit(Engines.actor(target.actor()), id));
            }
            CommitInfo commit = c.orElseThrow(() -> new CliException("not_found", "commit '" + id + "' not found"));
            if (json) {
                context.printJson(Wire.commit(commit));
            } else {
                context.out().println("commit " + commit.graphCommitId());
                context.out().println("  branch:   " + commit.graphBranch());
                context.out().println("  version:  " + commit.graphManifestVersion());
                context.out().println("  parents:  " + commit.parentCommitId().orElse("(none)")
                        + commit.mergedParentCommitId().map(m -> ", merged " + m).orElse(""));
                context.out().println("  actor:    " + commit.actorId().orElse("(none)"));
                context.out().println("  time:     " + Instant.ofEpochMilli(commit.createdAt() / 1000));
                context.out().println("  op:       " + commit.operation());
                context.out().println("  message:  " + commit.message());
            }
            return 0;
        }
    }
}
