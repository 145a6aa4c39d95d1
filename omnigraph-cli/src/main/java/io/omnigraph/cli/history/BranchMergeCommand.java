package io.omnigraph.cli.history;

import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.engine.api.BranchMergeRequest;
import io.omnigraph.engine.api.BranchMergeResult;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.merge.MergeJson;
import io.omnigraph.engine.merge.MergeResult;
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
        String location = target.resolve(Optional.empty(), Optional.ofNullable(uriFlag));
        Engines.echo(context, target, "branch merge", location);
        BranchMergeRequest req = new BranchMergeRequest(source, into, deleteBranch, Optional.empty());
        BranchMergeResult r;
        try (Graph g = Engines.open(context, location)) {
            r = HistoryOutput.call(context, json, () -> g.history().merge(Engines.actor(target.actor()), req));
        }
        r.branchDeleteError().ifPresent(e -> context.err().println("warning: merged, but could not delete branch '"
                + source + "': " + e));
        if (json) {
            context.printJson(MergeJson.result(r.merge(), r.branchDeleted(), r.branchDeleteError()));
            return 0;
        }
        MergeResult m = r.merge();
        switch (m.outcome()) {
            case ALREADY_UP_TO_DATE -> context.out().println("already up to date: '" + into + "' contains '" + source + "'");
            case FAST_FORWARD, MERGED -> {
                context.out().println((m.outcome() == io.omnigraph.engine.merge.MergeOutcome.FAST_FORWARD
                        ? "fast-forward" : "merged") + " '" + source + "' into '" + into + "': commit "
                        + m.commit().orElseThrow().id());
                context.out().println("  " + m.stats().rowsUpserted() + " row(s) written or adopted, "
                        + m.stats().rowsDeleted() + " deleted, in " + m.stats().tablesChanged() + " type(s)"
                        + m.mergeBase().map(b -> "; merge base " + b).orElse(""));
            }
        }
        if (r.branchDeleted().orElse(false)) {
            context.out().println("deleted branch " + source);
        }
        return 0;
    }
}
