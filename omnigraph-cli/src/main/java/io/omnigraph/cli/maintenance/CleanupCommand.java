package io.omnigraph.cli.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.commit.RetentionPolicy;
import io.omnigraph.engine.maintenance.CleanupResult;
import io.omnigraph.engine.maintenance.Maintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code omnigraph cleanup [URI] --keep N | --older-than DUR [--confirm] [--yes] [--json]}: reclaim segments no branch
 * head or retained commit needs, and objects of failed writes and deleted branches. Preview without {@code --confirm}.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Reclaim storage: data no branch head or retained commit needs, and leftovers of failed writes and"
                + " deleted branches. Commit history stays listable; reading a commit outside the retention window then fails"
                + " with historical_version_reclaimed.",
                "Retention: --keep N (newest N commits of every branch) and/or --older-than DUR (N[s|m|h|d|w]; bare N ="
                        + " seconds); with both, data is reclaimed only when outside both. Objects younger than 15 minutes are"
                        + " never deleted. Without --confirm: preview on stderr. Non-local targets also need --yes (or a"
                        + " prompt on a terminal). See docs/maintenance.md."})
public final class CleanupCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("^(\\d+)([smhdw]?)$");
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The graph's storage (path, file://, s3://).")
    Optional<String> uri;

    @Option(names = "--keep", paramLabel = "N", description = "Keep the data of the newest N commits of every branch (the head always).")
    Integer keep;

    @Option(names = "--older-than", paramLabel = "DUR", description = "Keep the data of commits younger than DUR (e.g. 7d, 12h, 3600).")
    String olderThan;

    @Option(names = "--confirm", description = "Delete; without it, only a preview.")
    boolean confirm;

    @Option(names = "--grace", hidden = true, paramLabel = "DUR",
            description = "Never delete objects younger than DUR (default 15m; tests and emergencies only).")
    String grace;

    public CleanupCommand(CliContext context) {
        this.context = context;
    }

    /** {@code N[s|m|h|d|w]}, bare N = seconds. */
    static Duration parseDuration(String s) {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            throw new CliException("usage", "--older-than must look like 30s, 15m, 12h, 7d, 2w or a number of seconds, got '"
                    + s + "'", ExitCodes.USAGE);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofSeconds(n);
        };
    }

    @Override
    public Integer call() {
        if (keep == null && olderThan == null) {
            throw new CliException("usage", "cleanup needs a retention policy: pass --keep N and/or --older-than DUR"
                    + " (--keep 10 is a good start; below 3 may remove versions a rollback would need)", ExitCodes.USAGE);
        }
        if (keep != null && keep < 0) {
            throw new CliException("usage", "--keep must be >= 0 (the head is always kept), got " + keep, ExitCodes.USAGE);
        }
        Optional<Duration> age = Optional.ofNullable(olderThan).map(CleanupCommand::parseDuration);
        // --keep alone keeps N; --older-than alone keeps only the head by count; both: reclaimed only outside both
        RetentionPolicy policy = new RetentionPolicy(keep == null ? 1 : Math.max(1, keep), age);
        MaintenanceTarget t = MaintenanceTarget.resolve(context, "cleanup", uri);
        boolean json = context.flags().json();
        if (confirm) {
            Engines.confirmDestructive(context, context.flags().yes(), "cleanup", t.uri(), json);
        }
        Duration graceWindow = grace == null ? Maintenance.DEFAULT_GRACE : parseDuration(grace);
        CleanupResult r;
        try (Graph g = Engines.open(context, t.uri());
             io.omnigraph.cli.support.Activity a = io.omnigraph.cli.support.Activity.start(context, context.flags().quiet(), "cleanup")) {
            r = Engines.call(() -> Maintenance.cleanup(g, policy, graceWindow, confirm));
        }
        if (json) {
            ObjectNode o = context.json().createObjectNode();
            o.put("uri", t.uri());
            o.put("applied", r.applied());
            if (keep != null) {
                o.put("keep", keep);
            } else {
                o.putNull("keep");
            }
            if (age.isPresent()) {
                o.put("older_than_seconds", age.get().toSeconds());
            } else {
                o.putNull("older_than_seconds");
            }
            o.put("grace_seconds", graceWindow.toSeconds());
            o.put("branches", r.branches());
            o.put("reachable_commits", r.reachableCommits());
            o.put("retained_commits", r.retainedCommits());
            o.put("reclaimed_commits", r.reclaimedCommits());
            o.put("objects_removed", r.objectsRemoved());
            o.put("bytes_removed", r.bytesRemoved());
            o.put("segments_removed", r.segmentsRemoved());
            o.put("commits_removed", r.commitsRemoved());
            o.put("protected_by_grace", r.protectedByGrace());
            ArrayNode e = o.putArray("errors");
            r.errors().forEach(e::add);
            context.printJson(o);
        } else {
            String line = (r.applied() ? "cleanup: removed " : "cleanup preview: would remove ") + r.objectsRemoved()
                    + " object(s), " + r.bytesRemoved() + " bytes (" + r.segmentsRemoved() + " segment(s), " + r.commitsRemoved()
                    + " unreachable commit object(s)); " + r.retainedCommits() + " of " + r.reachableCommits()
                    + " commit(s) keep their data" + (r.protectedByGrace() > 0 ? "; " + r.protectedByGrace()
                    + " recent object(s) protected by the " + graceWindow.toMinutes() + "-minute grace period" : "");
            if (r.applied()) {
                context.out().println(line);
                r.errors().forEach(x -> context.err().println("warning: could not delete " + x));
            } else {
                context.err().println(line);
                context.err().println("  nothing was deleted; re-run with --confirm to reclaim");
            }
        }
        return r.errors().isEmpty() ? 0 : ExitCodes.ERROR;
    }
}
