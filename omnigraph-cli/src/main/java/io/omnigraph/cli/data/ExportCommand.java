package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph export [URI] [--branch B | --snapshot C] [--type T]…}: NDJSON in the load format on stdout
 * ({@code data.id} always present), loadable with {@code load --mode overwrite}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a branch (or a commit) as NDJSON in the load format to stdout.")
public final class ExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
    Optional<String> uri;

    @Option(names = "--branch", paramLabel = "B", description = "Branch (default: main).")
    String branch;

    @Option(names = "--snapshot", paramLabel = "COMMIT", description = "Export the graph as of this commit.")
    String snapshot;

    @Option(names = "--type", paramLabel = "T", description = "Only these types (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--json", description = "Accepted for symmetry: the output is always NDJSON.")
    boolean json;

    public ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (branch != null && snapshot != null) {
            throw new io.omnigraph.cli.support.CliException("usage", "--branch and --snapshot are mutually exclusive",
                    io.omnigraph.cli.support.ExitCodes.USAGE);
        }
        try (io.omnigraph.cli.plane.DataPlane plane = target.open(uri, Optional.empty(), false);
             io.omnigraph.cli.support.Activity activity = io.omnigraph.cli.support.Activity.start(context, target.quiet(), "export")) {
            OutputStream out = new BufferedOutputStream(activity.counting(context.out()), 1 << 16);
            io.omnigraph.cli.plane.Planes.call(context, false, plane, () -> {
                plane.export(Optional.ofNullable(branch), Optional.ofNullable(snapshot), types, out);
                return null;
            });
            out.flush();
        } catch (IOException e) {
            throw new io.omnigraph.cli.support.CliException("io_error", e.getMessage());
        }
        return 0;
    }
}
