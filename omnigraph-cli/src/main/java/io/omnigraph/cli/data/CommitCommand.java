package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
            List<com.fasterxml.jackson.databind.JsonNode> commits;
            try (io.omnigraph.cli.plane.DataPlane plane = target.open(uri, Optional.empty(), false)) {
                commits = io.omnigraph.cli.plane.Planes.call(context, json, plane, () -> plane.commits(branch, Math.max(1, limit)));
            }
            if (json) {
                ObjectNode o = context.json().createObjectNode();
                ArrayNode a = o.putArray("commits");
                commits.forEach(a::add);
                context.printJson(o);
            } else {
                commits.forEach(c -> context.out().println(Render.commitLine(c)));
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
            Optional<com.fasterxml.jackson.databind.JsonNode> c;
            try (io.omnigraph.cli.plane.DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), false)) {
                c = io.omnigraph.cli.plane.Planes.call(context, json, plane, () -> plane.commit(id));
            }
            com.fasterxml.jackson.databind.JsonNode commit = c.orElseThrow(() -> new CliException("not_found", "commit '"
                    + id + "' not found"));
            if (json) {
                context.printJson(commit);
            } else {
                Render.commit(context.out(), commit);
            }
            return 0;
        }
    }
}
