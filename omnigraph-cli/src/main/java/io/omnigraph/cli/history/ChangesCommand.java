package io.omnigraph.cli.history;

import io.omnigraph.cli.plane.DataPlane;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph changes poll|baseline}: the change feed of a branch and its baseline handshake. */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = "Follow what changes on a branch: poll the change feed with a cursor, or take a baseline.",
        subcommands = {ChangesCommand.PollCommand.class, ChangesCommand.BaselineCommand.class})
public final class ChangesCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ChangesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    /**
     * {@code changes poll [--uri U] [--branch B] [--cursor C | --start now|beginning|after:ID | --page-token T]
     * [--kind K]… [--type T]… [--op O]… [--limit N] [--json]}.
     */
    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {"One poll of a branch's change feed: a block per commit after the position, up to the head the",
                    "poll captured (at most 128 commits). The last page prints the cursor to pass next time."})
    public static final class PollCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Mixin
        ChangeFilterOptions filters;

        @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
        String uriFlag;

        @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Branch (default: main).")
        String branch;

        @Option(names = "--cursor", paramLabel = "C", description = "Resume after a previous poll (its cursor).")
        String cursor;

        @Option(names = "--start", paramLabel = "now|beginning|after:ID",
                description = "Where a first poll starts (default: now — no replay).")
        String start;

        @Option(names = "--page-token", paramLabel = "T", description = "Continue the same poll (its next_page_token).")
        String pageToken;

        @Option(names = "--limit", paramLabel = "N", description = "At most N changes per page (default 1000, max 8192).")
        Integer limit;

        @Option(names = "--json", description = "Print the page as JSON (ChangeFeedOutput).")
        boolean json;

        public PollCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            int modes = (cursor != null ? 1 : 0) + (start != null ? 1 : 0) + (pageToken != null ? 1 : 0);
            if (modes > 1) {
                throw new CliException("usage", "--cursor, --start and --page-token are mutually exclusive; pass one of them",
                        ExitCodes.USAGE);
            }
            com.fasterxml.jackson.databind.JsonNode page;
            try (DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), false)) {
                page = Planes.call(context, json, plane, () -> plane.poll(branch, Optional.ofNullable(cursor),
                        Optional.ofNullable(start), Optional.ofNullable(pageToken), Optional.ofNullable(limit),
                        filters.filters()));
            }
            if (json) {
                context.printJson(page);
                return 0;
            }
            page.path("blocks").forEach(b -> HistoryOutput.block(context.out(), b.path("cause"), b.path("changes")));
            if (page.hasNonNull("cursor")) {
                context.out().println((page.path("blocks").isEmpty() ? "no new commits; " : "")
                        + (page.path("caught_up").asBoolean(true) ? "caught up" : "more commits are waiting — poll again"));
                context.out().println("cursor: " + page.path("cursor").asText());
            } else {
                context.out().println("more on this poll: --page-token " + page.path("next_page_token").asText());
            }
            return 0;
        }
    }

    /** {@code changes baseline [--uri U] [--branch B] [--kind K]… [--type T]… [--op O]… --out PATH [--json]}. */
    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = {"Write an exact snapshot of a branch head as NDJSON (export format), then a final",
                    "{\"baseline\":{snapshot_commit_id, resume_cursor}} line. Resume the feed with that cursor."})
    public static final class BaselineCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Mixin
        ChangeFilterOptions filters;

        @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
        String uriFlag;

        @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Branch (default: main).")
        String branch;

        @Option(names = "--out", required = true, paramLabel = "PATH", description = "Where to write the snapshot (NDJSON).")
        Path out;

        @Option(names = "--json", description = "Print {snapshot_commit_id, resume_cursor, records, out} as JSON.")
        boolean json;

        public BaselineCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new CliException("invalid_argument", "--out " + out + ": directory " + parent + " does not exist");
            }
            Path tmp;
            try {
                tmp = Files.createTempFile(parent, "." + out.getFileName() + ".", ".partial");
            } catch (IOException e) {
                throw new CliException("io_error", "--out " + out + ": cannot write there (" + e.getMessage() + ")");
            }
            DataPlane.Baseline result;
            try {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING))) {
                    try (DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), false)) {
                        result = Planes.call(context, json, plane, () -> plane.baseline(branch, filters.filters(), os));
                    }
                    com.fasterxml.jackson.databind.node.ObjectNode last = context.json().createObjectNode();
                    last.set("baseline", result.terminal());
                    write(os, last);
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | UncheckedIOException e) {
                deleteQuietly(tmp);
                throw new CliException("io_error", "writing the baseline to " + out + " failed: " + e.getMessage()
                        + "; nothing was written, no cursor was issued");
            } catch (RuntimeException e) {
                deleteQuietly(tmp);
                throw e;
            }
            String snapshotId = result.terminal().path("snapshot_commit_id").asText();
            String resume = result.terminal().path("resume_cursor").asText();
            if (json) {
                context.printJson(context.json().createObjectNode().put("snapshot_commit_id", snapshotId)
                        .put("resume_cursor", resume).put("records", result.records()).put("out", out.toString()));
            } else {
                context.out().println("wrote " + result.records() + " record(s) of commit " + snapshotId + " to " + out);
                context.out().println("resume cursor: " + resume);
            }
            return 0;
        }

        private static void write(OutputStream os, com.fasterxml.jackson.databind.JsonNode record) {
            try {
                os.write(io.omnigraph.server.api.WireJson.write(record));
                os.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteQuietly(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
