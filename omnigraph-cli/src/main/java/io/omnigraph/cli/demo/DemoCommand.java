package io.omnigraph.cli.demo;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph demo}: lays out the bundled "company brain" cluster and runs the whole loop on it, step by step,
 * saying truthfully what each step did. A step whose capability is not built yet reports "not available".
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Create the bundled company-brain cluster and run the cluster loop on it:",
                "validate -> import -> plan -> apply -> load -> stored queries -> branch, change, merge -> serve."})
public final class DemoCommand implements Callable<Integer> {
    static final String RESOURCE_ROOT = "/io/omnigraph/cli/demo/company-brain/";

    private final CliContext context;

    @Option(names = "--dir", description = "Where to create the demo cluster (default: ./company-brain).", defaultValue = "company-brain")
    Path dir;

    @Option(names = "--no-serve", description = "Stop after the merge instead of serving on 127.0.0.1:8080.")
    boolean noServe;

    @Option(names = "--bind", description = "Address to serve on (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:8080")
    String bind;

    @Option(names = "--reset", description = "Delete an existing demo directory first.")
    boolean reset;

    @Option(names = "--json", description = "Print the step report as JSON.")
    boolean json;

    public DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        DemoRun run = new DemoRun(context, dir.toAbsolutePath().normalize(), !json);
        run.step("layout", "lay out the company-brain cluster in " + run.dir(), r -> layout(r.dir()));
        for (DemoStep step : DemoSteps.after(noServe, bind)) {
            run.step(step.id(), step.title(), step.action());
        }
        if (json) {
            context.printJson(run.report());
        } else {
            context.out().println(run.summary());
        }
        return run.failed() ? 1 : 0;
    }

    private StepOutcome layout(Path target) throws IOException {
        if (Files.exists(target.resolve("cluster.yaml"))) {
            if (!reset) {
                throw new CliException("demo_dir_exists", target + " already holds a cluster; pass --reset to start over or --dir for another folder");
            }
            deleteRecursively(target);
        }
        List<String> files = resourceLines("files.txt");
        for (String file : files) {
            Path out = target.resolve(file);
            Files.createDirectories(out.getParent());
            try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE_ROOT + file)) {
                if (in == null) {
                    throw new IllegalStateException("demo resource missing from the build: " + file);
                }
                Files.copy(in, out);
            }
        }
        return StepOutcome.done("wrote " + files.size() + " files: " + String.join(", ", files));
    }

    static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("demo resource missing from the build: " + name);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** One line of the report. */
    public record StepReport(String id, String title, String status, String detail) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("title", title);
            m.put("status", status);
            m.put("detail", detail);
            return m;
        }
    }
}
