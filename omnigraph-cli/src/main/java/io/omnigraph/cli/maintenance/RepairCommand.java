package io.omnigraph.cli.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.maintenance.RepairResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph repair [URI] [--confirm] [--force] [--json]}: verify the graph's objects. Publishing is one
 * compare-and-swap in this format, so there is no uncovered drift to publish; repair reports {@code no_drift} or the
 * broken objects, and with {@code --confirm} removes stale temporary files of interrupted local writes.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Verify a graph: every branch head, its schema and every segment it references exist and decode.",
                "Reports classification no_drift or broken (exit 1). --confirm removes stale temp files of interrupted local"
                        + " writes. Publishing is a single atomic step in this format, so there is no drift to publish"
                        + " (--force has nothing more to do). See docs/maintenance.md."})
public final class RepairCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage (path, file://, s3://).")
    Optional<String> uri;

    @Option(names = "--confirm", description = "Heal what can be healed (stale temp files); without it, only a preview.")
    boolean confirm;

    @Option(names = "--force", description = "Also publish unverifiable drift (requires --confirm; there is none in this format).")
    boolean force;

    public RepairCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (force && !confirm) {
            throw new CliException("usage", "--force requires --confirm", ExitCodes.USAGE);
        }
        MaintenanceTarget t = MaintenanceTarget.resolve(context, "repair", uri);
        RepairResult r;
        try (Graph g = Engines.open(context, t.uri());
             io.omnigraph.cli.support.Activity a = io.omnigraph.cli.support.Activity.start(context, context.flags().quiet(), "repair")) {
            r = Engines.call(() -> Maintenance.repair(g, confirm));
        }
        if (context.flags().json()) {
            ObjectNode o = context.json().createObjectNode();
            o.put("uri", t.uri());
            o.put("classification", r.classification());
            o.put("action", r.action());
            o.put("branches_checked", r.branchesChecked());
            o.put("commits_checked", r.commitsChecked());
            o.put("segments_checked", r.segmentsChecked());
            o.put("historical_commits_reclaimed", r.historicalCommitsReclaimed());
            o.put("temp_objects_found", r.tempObjectsFound());
            o.put("temp_objects_removed", r.tempObjectsRemoved());
            ArrayNode ps = o.putArray("problems");
            r.problems().forEach(p -> ps.addObject().put("key", p.key()).put("referenced_by", p.referencedBy()).put("issue", p.issue()));
            context.printJson(o);
        } else {
            context.out().println("repair: " + r.classification() + " (" + r.action().replace('_', '-') + "): checked "
                    + r.branchesChecked() + " branch(es), " + r.commitsChecked() + " commit(s), " + r.segmentsChecked()
                    + " head segment(s)" + (r.historicalCommitsReclaimed() > 0 ? "; " + r.historicalCommitsReclaimed()
                    + " older commit(s) have reclaimed data (cleanup)" : ""));
            if (r.tempObjectsFound() > 0) {
                context.out().println("  stale temp files: " + r.tempObjectsFound() + (confirm ? ", removed " + r.tempObjectsRemoved()
                        : " (run with --confirm to remove them)"));
            }
            r.problems().forEach(p -> context.out().println("  BROKEN " + p.key() + ": " + p.issue() + " (referenced by "
                    + p.referencedBy() + ")"));
            if (!r.problems().isEmpty()) {
                context.out().println("  repair cannot recreate lost data: restore these objects from a backup of the"
                        + " storage root, or reset the affected branch to an intact commit");
            }
        }
        return r.problems().isEmpty() ? 0 : ExitCodes.ERROR;
    }
}
