package io.omnigraph.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.plane.DataPlane;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph branch merge SOURCE [--into TARGET] [--delete-branch] [--json]}: three-way merge (see
 * docs/branching.md). Conflicts exit 1 with the complete, structured list (stdout JSON with {@code --json}, stderr
 * lines otherwise); nothing is published then. A refused {@code --delete-branch} is a warning (exit 0).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge a branch into another (default: main): fast-forward when possible, otherwise a three-way",
                "merge. All or nothing: on conflicts nothing is published and the conflicts are listed (exit 1)."})
public final class BranchMergeCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
    String uriFlag;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The branch to merge.")
    String source;

    @Option(names = "--into", defaultValue = "main", paramLabel = "TARGET", description = "The branch that receives the merge (default: main).")
    String into;

    @Option(names = "--delete-branch", description = "Delete SOURCE after a successful merge (also when already up to date).")
    boolean deleteBranch;

    @Option(names = "--json", description = "Print {source, target, outcome, actor_id, branch_deleted?, branch_delete_error?} as JSON.")
    boolean json;

    public BranchMergeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode r;
        Optional<JsonNode> head = Optional.empty();
        try (DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), true)) {
            Planes.echo(context, target.quiet(), "branch merge", plane);
            try {
                r = Planes.call(context, json, plane, () -> plane.merge(source, into, deleteBranch, target.actor()));
            } catch (io.omnigraph.cli.remote.RemoteError e) {
                throw conflicts(e);
            }
            if (!r.path("outcome").asText().equals("already_up_to_date")) {
                head = Planes.call(context, false, () -> plane.commits(into, 1)).stream().findFirst();
            }
        }
        if (r.hasNonNull("branch_delete_error")) {
            context.err().println("warning: merged, but could not delete branch '" + source + "': "
                    + r.path("branch_delete_error").asText());
        }
        if (json) {
            // BranchMergeOutput, plus the target's new head (read after the merge, in both lanes)
            com.fasterxml.jackson.databind.node.ObjectNode o = r.deepCopy();
            head.ifPresent(c -> o.put("graph_commit_id", c.path("graph_commit_id").asText()));
            context.printJson(o);
            return 0;
        }
        switch (r.path("outcome").asText()) {
            case "already_up_to_date" -> context.out().println("already up to date: '" + into + "' contains '" + source + "'");
            case "fast_forward" -> context.out().println("fast-forward '" + source + "' into '" + into + "'");
            default -> context.out().println("merged '" + source + "' into '" + into + "'");
        }
        head.ifPresent(c -> context.out().println("  " + into + " is now at " + c.path("graph_commit_id").asText()
                + " (graph manifest version " + c.path("graph_manifest_version").asLong() + ")"));
        if (r.path("branch_deleted").asBoolean(false)) {
            context.out().println("deleted branch " + source);
        }
        return 0;
    }

    /**
     * A served merge refused with {@code merge_conflicts[]} (409): without {@code --json}, list each conflict on stderr
     * exactly as the embedded lane does; either way the error is {@code error[merge_conflicts]}, as embedded.
     */
    private RuntimeException conflicts(io.omnigraph.cli.remote.RemoteError e) {
        JsonNode list = e.body().map(b -> b.path("merge_conflicts")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        if (!list.isArray() || list.isEmpty()) {
            return e;
        }
        if (!json) {
            context.err().println("merge of '" + source + "' into '" + into + "': " + list.size()
                    + " conflict(s); nothing was published");
            for (JsonNode c : list) {
                context.err().println("  " + c.path("kind").asText() + "  " + c.path("entity_kind").asText() + " "
                        + c.path("type_name").asText() + (c.hasNonNull("entity_id") ? " '" + c.path("entity_id").asText() + "'" : "")
                        + ": " + c.path("message").asText());
            }
        }
        return new io.omnigraph.cli.support.CliException("merge_conflicts", list.size() + " merge conflict(s): "
                + list.get(0).path("message").asText() + (list.size() > 1 ? " (and " + (list.size() - 1) + " more)" : ""));
    }
}
