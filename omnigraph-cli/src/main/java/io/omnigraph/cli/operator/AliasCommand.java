package io.omnigraph.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.plane.RemotePlane;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.engine.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph alias NAME [ARGS…] [--params JSON] [--format F | --json]}: runs the stored read an operator alias
 * binds ({@code aliases.<name>}: server, optional graph, stored query, positional {@code args} names, default
 * {@code params}, {@code format}). Parameters: alias {@code params} < positional args (each parsed as JSON, else a
 * string) < {@code --params}. Aliases are read-only ({@code expect_mutation: false}; a stored mutation is refused).
 */
@Command(name = "alias", mixinStandardHelpOptions = true,
        description = {"Run an operator alias: a stored query on a server, declared under `aliases:` in the operator",
                "config. Positional ARGS fill the alias's `args` in order."})
public final class AliasCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The alias.")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Values of the alias's `args`, in order (JSON or text).")
    List<String> args = List.of();

    @Option(names = "--params", paramLabel = "JSON", description = "Parameters as a JSON object (override everything else).")
    String params;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, kv, csv, jsonl or json.")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    public AliasCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        OperatorConfig config = OperatorConfig.load(context.env());
        config.warnings().forEach(w -> context.err().println("warning: " + w));
        OperatorConfig.Alias alias = config.aliases().get(name);
        if (alias == null) {
            throw new CliException("unknown_alias", "unknown alias '" + name + "' — aliases defined in " + config.file()
                    + ": " + config.aliases().keySet() + io.omnigraph.cli.support.Suggest.clause(name, config.aliases().keySet()));
        }
        if (args.size() > alias.args().size()) {
            throw new CliException("usage", "alias '" + name + "' takes " + alias.args().size() + " argument(s) "
                    + alias.args() + ", got " + args.size(), ExitCodes.USAGE);
        }
        ObjectNode p = context.json().createObjectNode();
        alias.params().forEach(p::set);
        for (int i = 0; i < args.size(); i++) {
            p.set(alias.args().get(i), parse(args.get(i)));
        }
        if (params != null) {
            JsonNode given;
            try {
                given = context.json().readTree(params);
            } catch (Exception e) {
                throw new CliException("invalid_params", "--params is not valid JSON: " + e.getMessage());
            }
            if (given == null || !given.isObject()) {
                throw new CliException("invalid_params", "--params must be a JSON object keyed by parameter name");
            }
            given.properties().forEach(e -> p.set(e.getKey(), e.getValue()));
        }
        OutputFormat out = json ? OutputFormat.JSON : Optional.ofNullable(format).or(alias::format).or(config::defaultOutput)
                .map(f -> OutputFormat.parse(f).orElseThrow(() -> new CliException("usage", "format '" + f
                        + "' is not one of table, kv, csv, jsonl, json", ExitCodes.USAGE))).orElse(OutputFormat.TABLE);
        RemotePlane plane = Planes.remote(context, alias.server(), alias.graph().or(() -> Optional.of("-")));
        if (alias.graph().isEmpty()) {
            plane = plane.root();
        }
        RemotePlane target = plane;
        JsonNode result = Planes.invoke(context, out == OutputFormat.JSON, target, alias.query(), () -> target.invoke(alias.query(),
                p.isEmpty() ? Optional.empty() : Optional.of(p), Optional.empty(), Optional.empty(), false));
        context.out().print(io.omnigraph.cli.data.TableRender.render(out, io.omnigraph.cli.data.Render.envelope(result),
                io.omnigraph.cli.config.OperatorConfig.load(context.env()).table()));
        return 0;
    }

    private JsonNode parse(String arg) {
        try {
            JsonNode n = context.json().readTree(arg);
            if (n != null && !n.isMissingNode()) {
                return n;
            }
        } catch (Exception notJson) {
            // a plain string
        }
        return context.json().getNodeFactory().textNode(arg);
    }

}
