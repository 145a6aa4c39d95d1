package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.engine.api.DatasetInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.SnapshotInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph snapshot [URI] [--branch B] [--json]}: the head of a branch with per-type entity counts. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Show a branch head: commit, graph manifest version, storage format and entities per type.")
public final class SnapshotCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
    Optional<String> uri;

    @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Branch (default: main).")
    String branch;

    @Option(names = "--json", description = "Print the snapshot as JSON.")
    boolean json;

    public SnapshotCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String location = target.resolve(uri, Optional.empty());
        SnapshotInfo s;
        try (Graph g = Engines.open(location)) {
            s = Engines.call(() -> g.snapshot(Engines.actor(target.actor()), branch));
        }
        if (json) {
            context.printJson(Wire.snapshot(s));
            return 0;
        }
        context.out().println("branch " + s.graphBranch() + " at commit " + s.graphCommitId() + " (graph manifest version "
                + s.graphManifestVersion() + ", storage format " + s.internalSchemaVersion() + ")");
        int width = s.datasets().stream().mapToInt(d -> d.typeName().length()).max().orElse(4);
        for (DatasetInfo d : s.datasets()) {
            context.out().println(String.format("  %-4s %-" + width + "s  %,12d entities  (version %d)", d.entityKind(),
                    d.typeName(), d.entityCount(), d.publishedDatasetVersion()));
        }
        return 0;
    }
}
