package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliContext;
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
        com.fasterxml.jackson.databind.JsonNode s;
        try (io.omnigraph.cli.plane.DataPlane plane = target.open(uri, Optional.empty(), false)) {
            s = io.omnigraph.cli.plane.Planes.call(context, json, plane, () -> plane.snapshot(branch));
        }
        if (json) {
            context.printJson(s);
            return 0;
        }
        context.out().println("branch " + s.path("graph_branch").asText() + " (graph manifest version "
                + s.path("graph_manifest_version").asLong() + ", storage format " + s.path("internal_schema_version").asInt() + ")");
        int width = 4;
        for (com.fasterxml.jackson.databind.JsonNode d : s.path("datasets")) {
            width = Math.max(width, d.path("type_name").asText().length());
        }
        for (com.fasterxml.jackson.databind.JsonNode d : s.path("datasets")) {
            context.out().println(String.format("  %-4s %-" + width + "s  %,12d entities  (version %d)",
                    d.path("entity_kind").asText(), d.path("type_name").asText(), d.path("entity_count").asLong(),
                    d.path("published_dataset_version").asLong()));
        }
        return 0;
    }
}
