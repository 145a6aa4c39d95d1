package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.load.LoadProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph load [URI] --data F --mode overwrite|append|merge [--branch B] [--from S] [--json]}: bulk NDJSON
 * load, one commit. Direct loads have no per-commit row limit (files of millions of lines stream into bounded
 * segments); the 8,192-entity limit protects the server's HTTP routes.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load an NDJSON file (one record per line) as one commit.",
                "Modes: overwrite (replace the types in the file), append (strict insert), merge (upsert)."})
public final class LoadCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage.")
    Optional<String> uri;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The NDJSON file ('-' for stdin).")
    String data;

    @Option(names = "--mode", required = true, paramLabel = "MODE", description = "overwrite | append | merge (required).")
    String mode;

    @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Target branch (default: main).")
    String branch;

    @Option(names = "--from", paramLabel = "S", description = "Create the branch from S first when it does not exist.")
    String from;

    @Option(names = "--json", description = "Print the load result as JSON.")
    boolean json;

    public LoadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        LoadMode m = LoadMode.parse(mode).orElseThrow(() -> new CliException("usage", "--mode must be overwrite, append"
                + " or merge, got '" + mode + "'", io.omnigraph.cli.support.ExitCodes.USAGE));
        io.omnigraph.cli.plane.DataPlane plane = target.open(uri, Optional.empty(), true);
        try (plane) {
            return run(m, plane);
        }
    }

    private int run(LoadMode m, io.omnigraph.cli.plane.DataPlane plane) {
        if (m == LoadMode.OVERWRITE) {
            io.omnigraph.cli.plane.Planes.confirm(context, target.yes(), "load --mode overwrite", plane, json);
        }
        io.omnigraph.cli.plane.Planes.echo(context, target.quiet(), "load", plane);
        long size = -1;
        InputStream raw;
        try {
            if (data.equals("-")) {
                raw = context.in();
            } else {
                Path p = Path.of(data);
                size = Files.size(p);
                raw = Files.newInputStream(p);
            }
        } catch (NoSuchFileException e) {
            throw new CliException("data_file_missing", "cannot read --data " + data + ": no such file");
        } catch (IOException e) {
            throw new CliException("data_file_missing", "cannot read --data " + data + ": " + e.getMessage());
        }
        try (InputStream in = new BufferedInputStream(raw, 1 << 16); Progress progress = new Progress(size)) {
            com.fasterxml.jackson.databind.JsonNode r = io.omnigraph.cli.plane.Planes.call(context, json,
                    () -> plane.load(in, branch, Optional.ofNullable(from), m.wire(), target.actor(), progress));
            progress.close();
            if (json) {
                context.printJson(r);
            } else {
                Render.load(context.out(), r);
            }
        } catch (IOException e) {
            throw new CliException("io_error", e.getMessage());
        }
        return 0;
    }

    /** A progress bar on a terminal; a plain line every million lines otherwise; nothing for small inputs. */
    private final class Progress implements LoadProgress, AutoCloseable {
        private final long size;
        private ProgressBar bar;
        private long nextPlain = 1_000_000;
        private boolean closed;

        Progress(long size) {
            this.size = size;
        }

        @Override
        public void parsed(long lines, long bytes) {
            if (target.quiet() || closed) {
                return;
            }
            if (context.interactive()) {
                if (bar == null && (size < 0 || size > 4 << 20)) {
                    bar = new ProgressBarBuilder().setTaskName("load").setInitialMax(Math.max(size, 1))
                            .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).showSpeed()
                            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(context.err())).build();
                }
                if (bar != null) {
                    bar.stepTo(bytes);
                    bar.setExtraMessage(lines + " lines");
                }
            } else if (lines >= nextPlain) {
                context.err().println("load: " + lines + " lines read (" + (bytes >> 20) + " MiB)");
                nextPlain += 1_000_000;
            }
        }

        @Override
        public void phase(String phase) {
            if (bar != null) {
                bar.setExtraMessage(phase);
            }
        }

        @Override
        public void close() {
            closed = true;
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
