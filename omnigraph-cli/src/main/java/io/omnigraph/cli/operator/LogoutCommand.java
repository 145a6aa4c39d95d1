package io.omnigraph.cli.operator;

import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.remote.Credentials;
import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code omnigraph logout NAME [--json]}: removes the stored token of NAME (idempotent). */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget the stored bearer token of a server.")
public final class LogoutCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server's name.")
    String name;

    @Option(names = "--json", description = "Print {server, credentials_path} as JSON.")
    boolean json;

    public LogoutCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        OperatorConfig config = OperatorConfig.load(context.env());
        Credentials credentials = new Credentials(config.credentialsFile());
        boolean removed = credentials.remove(name);
        if (json) {
            context.printJson(context.json().createObjectNode().put("server", name)
                    .put("credentials_path", credentials.file().toString()));
        } else {
            context.out().println((removed ? "removed credential for '" : "no credential stored for '") + name + "' in "
                    + credentials.file());
        }
        return 0;
    }
}
