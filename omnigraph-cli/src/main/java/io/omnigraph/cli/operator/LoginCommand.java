package io.omnigraph.cli.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.remote.Credentials;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph login NAME [--token T] [--json]} (cluster-server.md §6.4): stores (or rotates) the bearer token of
 * operator server NAME in {@code <config dir>/credentials}, mode 0600, keeping other sections. Without {@code --token}
 * one line is read from stdin (no echo at a terminal). The token is never printed.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Store the bearer token of a server (a `servers:` name) in ~/.omnigraph/credentials (mode 0600).",
                "Without --token, reads one line from stdin (hidden at a terminal)."})
public final class LoginCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The server's name under `servers:` in the operator config.")
    String name;

    @Option(names = "--token", paramLabel = "T", description = "The token (prefer stdin: flags end up in shell history).")
    String token;

    @Option(names = "--json", description = "Print {server, credentials_path, declared} as JSON.")
    boolean json;

    public LoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (name.contains("://")) {
            throw new CliException("usage", "login takes a server name, not a URL; declare it under `servers:` in the"
                    + " operator config (servers: { " + "prod: { url: " + name + " } }) and run `omnigraph login prod`",
                    ExitCodes.USAGE);
        }
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new CliException("usage", "server name '" + name + "' may only use letters, digits, '.', '_' and '-'",
                    ExitCodes.USAGE);
        }
        OperatorConfig config = OperatorConfig.load(context.env());
        config.warnings().forEach(w -> context.err().println("warning: " + w));
        String t = token != null ? token : readToken();
        if (t == null || t.isBlank()) {
            throw new CliException("usage", "no token given: pass --token T or one line on stdin", ExitCodes.USAGE);
        }
        if (t.strip().contains(" ") || t.strip().contains("\n")) {
            throw new CliException("usage", "a bearer token is one word without spaces", ExitCodes.USAGE);
        }
        Credentials credentials = new Credentials(config.credentialsFile());
        credentials.store(name, t.strip());
        boolean declared = config.servers().containsKey(name);
        if (!declared) {
            context.err().println("note: '" + name + "' is not under `servers:` in " + config.file() + "; the token is used"
                    + " once a server of that name is declared");
        }
        if (json) {
            ObjectNode o = context.json().createObjectNode().put("server", name)
                    .put("credentials_path", credentials.file().toString()).put("declared", declared);
            context.printJson(o);
        } else {
            context.out().println("stored credential for '" + name + "' in " + credentials.file());
        }
        return 0;
    }

    private String readToken() {
        if (System.console() != null && context.in() == System.in) {
            char[] chars = System.console().readPassword("token for '%s': ", name);
            return chars == null ? null : new String(chars);
        }
        try {
            return new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new CliException("io_error", "cannot read the token from stdin: " + e.getMessage());
        }
    }
}
