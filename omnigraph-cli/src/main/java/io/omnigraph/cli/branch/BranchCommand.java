package io.omnigraph.cli.branch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.plane.DataPlane;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph branch create|list|delete|merge} (merge: {@link io.omnigraph.cli.history.BranchMergeCommand}). */
@Command(name = "branch", mixinStandardHelpOptions = true, description = "Create, list, delete and merge branches.",
        subcommands = {BranchCommand.CreateCommand.class, BranchCommand.ListCommand.class, BranchCommand.DeleteCommand.class,
                io.omnigraph.cli.history.BranchMergeCommand.class})
public final class BranchCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public BranchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    /** {@code branch create [--uri U] [--from B|COMMIT] NAME [--json]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a branch at the head of another branch (default main) or at a commit. No commit is made.")
    public static final class CreateCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
        String uriFlag;

        @Option(names = "--from", defaultValue = "main", paramLabel = "B|COMMIT", description = "Source branch or commit id (default: main).")
        String from;

        @Parameters(index = "0", paramLabel = "NAME", description = "The new branch.")
        String name;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        public CreateCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            com.fasterxml.jackson.databind.JsonNode r;
            try (DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), true)) {
                Planes.echo(context, target.quiet(), "branch create", plane);
                r = Planes.call(context, json, plane, () -> plane.createBranch(name, from, target.actor()));
            }
            if (json) {
                context.printJson(r);
            } else {
                context.out().println("created branch " + r.path("name").asText() + " from " + r.path("from").asText());
            }
            return 0;
        }
    }

    /** {@code branch list [URI] [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List branches (sorted).")
    public static final class ListCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
        Optional<String> uri;

        @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
        String uriFlag;

        @Option(names = "--json", description = "Print {\"branches\": [...]} as JSON.")
        boolean json;

        public ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<String> names;
            try (DataPlane plane = target.open(uri, Optional.ofNullable(uriFlag), false)) {
                names = Planes.call(context, json, plane, plane::branches);
            }
            if (json) {
                ObjectNode o = context.json().createObjectNode();
                ArrayNode a = o.putArray("branches");
                names.forEach(a::add);
                context.printJson(o);
            } else {
                names.forEach(context.out()::println);
            }
            return 0;
        }
    }

    /** {@code branch delete [--uri U] NAME [--json]}: refuses main; non-local targets need confirmation. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete a branch (main cannot be deleted). Its commits stay readable by id until cleanup; a",
                    "warning names how many commits no other branch contains."})
    public static final class DeleteCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
        String uriFlag;

        @Parameters(index = "0", paramLabel = "NAME", description = "The branch to delete.")
        String name;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        public DeleteCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            com.fasterxml.jackson.databind.JsonNode r;
            try (DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), true)) {
                Planes.confirm(context, target.yes(), "branch delete", plane, json);
                Planes.echo(context, target.quiet(), "branch delete", plane);
                r = Planes.call(context, json, plane, () -> plane.deleteBranch(name, target.actor(), context.err()::println));
            }
            if (json) {
                context.printJson(r);
            } else {
                context.out().println("deleted branch " + r.path("name").asText());
            }
            return 0;
        }
    }
}
