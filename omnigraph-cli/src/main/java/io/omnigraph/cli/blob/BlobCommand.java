package io.omnigraph.cli.blob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.plane.DataPlane;
import io.omnigraph.cli.plane.DataPlane.BlobRef;
import io.omnigraph.cli.plane.DataPlane.BlobStat;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph blob get|stat ENTITY TYPE ID PROPERTY}: one Blob property value, embedded or served
 * ({@code GET/HEAD …/blob}). No positional graph: address it with {@code --store} or {@code --server … --graph}.
 */
@Command(name = "blob", mixinStandardHelpOptions = true, description = "Read Blob property values.",
        subcommands = {BlobCommand.GetCommand.class, BlobCommand.StatCommand.class})
public final class BlobCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public BlobCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return 0;
    }

    /** The positionals and read target shared by get and stat. */
    static final class Locator {
        @Parameters(index = "0", paramLabel = "ENTITY", description = "node or edge.")
        String entity;

        @Parameters(index = "1", paramLabel = "TYPE", description = "The node or edge type.")
        String type;

        @Parameters(index = "2", paramLabel = "ID", description = "The entity id (a node's key value, an edge's id).")
        String id;

        @Parameters(index = "3", paramLabel = "PROPERTY", description = "The Blob property.")
        String property;

        @Option(names = "--branch", paramLabel = "B", description = "Read the head of branch B (default: main).")
        String branch;

        @Option(names = "--snapshot", paramLabel = "C", description = "Read at commit C instead of a branch head.")
        String snapshot;

        BlobRef ref() {
            if (!entity.equals("node") && !entity.equals("edge")) {
                throw new CliException("usage", "ENTITY must be node or edge, got '" + entity + "' (usage: blob get|stat"
                        + " node|edge TYPE ID PROPERTY)", ExitCodes.USAGE);
            }
            if (branch != null && snapshot != null) {
                throw new CliException("usage", "--branch and --snapshot are mutually exclusive — pick one read target",
                        ExitCodes.USAGE);
            }
            return new BlobRef(entity, type, id, property, Optional.ofNullable(branch), Optional.ofNullable(snapshot));
        }
    }

    static ObjectNode json(CliContext context, BlobRef ref, BlobStat s) {
        ObjectNode o = context.json().createObjectNode();
        o.put("entity", ref.entity()).put("type", ref.type()).put("id", ref.id()).put("property", ref.property());
        o.put("snapshot_id", s.snapshotId());
        o.put("external", s.location().isPresent());
        s.length().ifPresent(l -> o.put("length", l));
        s.etag().ifPresent(t -> o.put("etag", t));
        s.location().ifPresent(l -> o.put("location", l));
        return o;
    }

    /** {@code blob stat … [--json]}: size, entity tag and snapshot, or the location of an external Blob. */
    @Command(name = "stat", mixinStandardHelpOptions = true,
            description = "Show a Blob value's size, entity tag (sha-256) and snapshot, or where an external Blob lives.")
    public static final class StatCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Mixin
        Locator locator;

        @Option(names = "--json", description = "Print {entity, type, id, property, snapshot_id, external, length?, etag?, location?}.")
        boolean json;

        public StatCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            BlobRef ref = locator.ref();
            BlobStat s;
            try (DataPlane plane = target.open(Optional.empty(), Optional.empty(), false)) {
                s = Planes.call(context, json, plane, () -> plane.blobStat(ref));
            }
            if (json) {
                context.printJson(json(context, ref, s));
                return 0;
            }
            context.out().println(ref.entity() + " " + ref.type() + " '" + ref.id() + "' ." + ref.property());
            if (s.location().isPresent()) {
                context.out().println("  external  " + s.location().get());
            } else {
                context.out().println("  length    " + s.length().orElse(0L) + " bytes");
                context.out().println("  etag      " + s.etag().orElse(""));
            }
            context.out().println("  snapshot  " + s.snapshotId());
            return 0;
        }
    }

    /** {@code blob get … [--offset N] [--length M] [--out PATH]}: the bytes, on stdout or into a file. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Write a Blob value's bytes to stdout (or --out PATH). --offset/--length read a byte range.",
                    "An external Blob is not fetched: its location is named (see `blob stat`)."})
    public static final class GetCommand implements Callable<Integer> {
        private final CliContext context;

        @Mixin
        GraphTargetOptions target;

        @Mixin
        Locator locator;

        @Option(names = "--offset", defaultValue = "0", paramLabel = "N", description = "Start at byte N (default 0).")
        long offset;

        @Option(names = "--length", paramLabel = "M", description = "At most M bytes (default: to the end).")
        Long length;

        @Option(names = "--out", paramLabel = "PATH", description = "Write to PATH (atomically) instead of stdout.")
        Path out;

        @Option(names = "--json", description = "With --out: print {…stat, bytes_written, out} as JSON on stdout.")
        boolean json;

        public GetCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            BlobRef ref = locator.ref();
            if (offset < 0 || (length != null && length < 1)) {
                throw new CliException("usage", "--offset must be >= 0 and --length >= 1 (got --offset " + offset
                        + (length == null ? "" : " --length " + length) + ")", ExitCodes.USAGE);
            }
            if (json && out == null) {
                throw new CliException("usage", "blob get --json needs --out PATH (the bytes go to the file, the JSON"
                        + " summary to stdout)", ExitCodes.USAGE);
            }
            Optional<Long> len = Optional.ofNullable(length);
            try (DataPlane plane = target.open(Optional.empty(), Optional.empty(), false)) {
                if (out == null) {
                    Planes.call(context, false, plane, () -> plane.blobGet(ref, offset, len, context.out()));
                    return 0;
                }
                Path abs = out.toAbsolutePath();
                Path tmp = null;
                try {
                    Files.createDirectories(abs.getParent());
                    tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
                    final Path t = tmp;
                    long[] written = new long[1];
                    BlobStat s;
                    try (OutputStream o = Files.newOutputStream(t)) {
                        OutputStream counting = new java.io.FilterOutputStream(o) {
                            @Override
                            public void write(byte[] b, int off, int n) throws IOException {
                                out.write(b, off, n);
                                written[0] += n;
                            }

                            @Override
                            public void write(int b) throws IOException {
                                out.write(b);
                                written[0]++;
                            }
                        };
                        s = Planes.call(context, json, plane, () -> plane.blobGet(ref, offset, len, counting));
                    }
                    Files.move(t, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    tmp = null;
                    if (json) {
                        context.printJson(json(context, ref, s).put("bytes_written", written[0]).put("out", abs.toString()));
                    } else {
                        context.err().println("wrote " + written[0] + " bytes to " + abs);
                    }
                    return 0;
                } catch (IOException e) {
                    throw new CliException("io_error", "cannot write " + abs + ": " + e.getMessage()
                            + " — check that the directory exists and is writable");
                } finally {
                    if (tmp != null) {
                        try {
                            Files.deleteIfExists(tmp);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    }
                }
            }
        }
    }
}
