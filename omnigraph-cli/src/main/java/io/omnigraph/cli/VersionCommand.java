package io.omnigraph.cli;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of omnigraph and of its storage format.")
public final class VersionCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    public VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", Version.version());
            m.put("java", Runtime.version().toString());
            context.printJson(m);
        } else {
            context.out().println("omnigraph " + Version.version());
        }
        return 0;
    }
}
