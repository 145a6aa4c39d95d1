package io.omnigraph.cli.demo;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State of one demo run: the directory, the step reports, and whether something failed. */
public final class DemoRun {
    private final CliContext context;
    private final Path dir;
    private final boolean narrate;
    private final List<DemoCommand.StepReport> reports = new ArrayList<>();
    private boolean failed;

    DemoRun(CliContext context, Path dir, boolean narrate) {
        this.context = context;
        this.dir = dir;
        this.narrate = narrate;
    }

    /**
     * Where human-readable lines go: stdout when narrating, stderr under {@code --json} (stdout then carries only the
     * JSON report).
     */
    java.io.PrintStream humanOut() {
        return narrate ? context.out() : context.err();
    }

    public Path dir() {
        return dir;
    }

    public CliContext context() {
        return context;
    }

    public boolean failed() {
        return failed;
    }

    void step(String id, String title, DemoStep.Action action) {
        if (failed) {
            reports.add(new DemoCommand.StepReport(id, title, "skipped", "an earlier step failed"));
            return;
        }
        if (narrate) {
            context.out().println("==> " + title);
        }
        String status;
        String detail;
        try {
            StepOutcome outcome = action.run(this);
            switch (outcome) {
                case StepOutcome.Done d -> {
                    status = "done";
                    detail = d.detail();
                }
                case StepOutcome.NotAvailable n -> {
                    status = "not_available";
                    detail = n.detail();
                }
            }
        } catch (CliException e) {
            failed = true;
            status = "failed";
            detail = "[" + e.code() + "] " + e.getMessage();
        } catch (Exception e) {
            failed = true;
            status = "failed";
            detail = e.toString();
        }
        if (narrate) {
            context.out().println("    " + status.replace('_', ' ') + ": " + detail);
        }
        reports.add(new DemoCommand.StepReport(id, title, status, detail));
    }

    Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("ok", !failed);
        m.put("steps", reports.stream().map(DemoCommand.StepReport::asMap).toList());
        return m;
    }

    String summary() {
        long done = reports.stream().filter(r -> r.status().equals("done")).count();
        long na = reports.stream().filter(r -> r.status().equals("not_available")).count();
        return (failed ? "demo failed" : "demo finished") + ": " + done + " step(s) done, " + na + " not available yet, in " + dir;
    }
}
