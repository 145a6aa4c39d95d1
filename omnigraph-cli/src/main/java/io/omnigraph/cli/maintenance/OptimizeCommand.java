package io.omnigraph.cli.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.maintenance.IndexHook;
import io.omnigraph.engine.maintenance.Maintenance;
import io.omnigraph.engine.maintenance.OptimizeResult;
import io.omnigraph.engine.maintenance.TableOptimizeStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph optimize [URI] [--json]}: compact main's tables into one segment each, in one commit. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Compact every table of main whose rows span several segments into one segment (content-preserving),"
                + " publishing one commit (operation optimize); nothing is published when there is nothing to compact.",
                "Address the graph by URI, --store, or --cluster <dir|uri|name> [--graph <id>]. See docs/maintenance.md."})
public final class OptimizeCommand implements Callable<Integer> {
    /** The actor recorded on optimize commits (maintenance is not attributed to an operator flag). */
    public static final String ACTOR = "omnigraph:optimize";
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage (path, file://, s3://).")
    Optional<String> uri;

    public OptimizeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        MaintenanceTarget t = MaintenanceTarget.resolve(context, "optimize", uri);
        OptimizeResult r;
        try (Graph g = Engines.open(context, t.uri());
             io.omnigraph.cli.support.Activity a = io.omnigraph.cli.support.Activity.start(context, context.flags().quiet(), "optimize")) {
            r = Engines.call(() -> Maintenance.optimize(g, Optional.of(ACTOR), IndexHook.NONE));
        }
        if (context.flags().json()) {
            ObjectNode o = context.json().createObjectNode();
            o.put("uri", t.uri());
            t.clusterGraph().ifPresent(gid -> o.put("graph", gid));
            o.put("branch", r.branch());
            o.put("committed", r.commit().isPresent());
            if (r.commit().isPresent()) {
                o.put("graph_commit_id", r.commit().get().graphCommitId());
                o.put("graph_manifest_version", r.commit().get().graphManifestVersion());
            } else {
                o.putNull("graph_commit_id");
                o.putNull("graph_manifest_version");
            }
            ArrayNode ds = o.putArray("datasets");
            for (TableOptimizeStats s : r.datasets()) {
                ObjectNode d = ds.addObject();
                d.put("type_key", s.typeKey());
                d.put("type_name", s.typeName());
                d.put("segments_before", s.segmentsBefore());
                d.put("segments_after", s.segmentsAfter());
                d.put("live_rows", s.liveRows());
                d.put("committed", s.committed());
                if (s.skipped().isPresent()) {
                    d.put("skipped", s.skipped().get());
                } else {
                    d.putNull("skipped");
                }
                ArrayNode p = d.putArray("pending_indexes");
                s.pendingIndexes().forEach(x -> p.addObject().put("property", x.property()).put("reason", x.reason()));
            }
            context.printJson(o);
            return 0;
        }
        if (r.commit().isPresent()) {
            context.out().println("optimize: compacted " + r.tablesCompacted() + " of " + r.datasets().size()
                    + " table(s) in one commit " + r.commit().get().graphCommitId() + " (graph manifest version "
                    + r.commit().get().graphManifestVersion() + ")");
        } else {
            context.out().println("optimize: nothing to compact (" + r.datasets().size() + " table(s) checked, no commit)");
        }
        for (TableOptimizeStats s : r.datasets()) {
            context.out().println("  " + s.typeName() + ": " + s.segmentsBefore() + " → " + s.segmentsAfter() + " segment(s), "
                    + s.liveRows() + " live rows" + s.skipped().map(x -> " (" + x.replace('_', ' ') + ")").orElse(""));
        }
        return 0;
    }
}
