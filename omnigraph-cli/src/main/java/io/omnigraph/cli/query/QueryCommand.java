package io.omnigraph.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.cli.plane.DataPlane;
import io.omnigraph.cli.plane.EmbeddedPlane;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.engine.output.OutputFormat;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.IndexMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph query [NAME] [URI] (--query F.gq | -e GQ) [--params JSON | --params-file F]
 * [--branch B | --snapshot C] [--format table|kv|csv|jsonl|json | --json] [--store URI]}: runs a read query against a
 * graph's storage (embedded engine) and prints the rows. Format cascade: {@code --json} > {@code --format} >
 * {@code defaults.output} of the operator config > {@code table}. Compile errors print the compiler's caret
 * diagnostics; engine errors print {@code error[code]: message}.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a read query (.gq match … return …) on a branch head or a commit.",
                "NAME selects the query when the source declares several; URI (or --store) is the graph's storage."})
public final class QueryCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(arity = "0..2", paramLabel = "NAME|URI", description = {"The query to run, then the graph's storage.",
            "A single positional is the query name when --store is given, when the source declares it, or when it is a",
            "bare identifier that is not a file; otherwise it is the storage URI."})
    List<String> positionals = List.of();

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--query", paramLabel = "F.gq", description = "A .gq file.")
        Path file;

        @Option(names = "-e", paramLabel = "GQ", description = "Inline .gq source.")
        String inline;
    }

    @ArgGroup(exclusive = true)
    ParamsSource params;

    static final class ParamsSource {
        @Option(names = "--params", paramLabel = "JSON", description = "Parameters as a JSON object.")
        String json;

        @Option(names = "--params-file", paramLabel = "FILE", description = "A file holding the parameters JSON object.")
        Path file;
    }

    @ArgGroup(exclusive = true)
    At at;

    static final class At {
        @Option(names = "--branch", paramLabel = "B", description = "Read the head of this branch (default: main).")
        String branch;

        @Option(names = {"--snapshot", "--at"}, paramLabel = "COMMIT", description = "Read this commit (time travel).")
        String commit;
    }

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: table (default), kv, csv, jsonl or json.")
    String format;

    @Option(names = "--json", description = "Print the read envelope as JSON (same as --format json).")
    boolean json;

    @Option(names = "--index-mode", hidden = true, paramLabel = "MODE", description = "auto, scan or index (diagnostics).")
    String indexMode;

    public QueryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (target.asFlag().isPresent()) {
            throw new CliException("usage", "`query` is a read; --as does not apply (reads record no actor) — remove --as",
                    ExitCodes.USAGE);
        }
        OutputFormat out = outputFormat();
        if (source == null) {
            return byName(out);
        }
        String text = source.file != null ? CompilerOutput.read(source.file, "query_file_missing", "--query") : source.inline;
        String fileName = source.file != null ? source.file.toString() : "<-e>";
        Optional<String> name = Optional.empty();
        Optional<String> uri = Optional.empty();
        if (positionals.size() == 2) {
            name = Optional.of(positionals.get(0));
            uri = Optional.of(positionals.get(1));
        } else if (positionals.size() == 1) {
            String p = positionals.get(0);
            if (target.addressedByFlag() || declares(text, fileName, p)
                    || (p.matches("[a-z_][A-Za-z0-9_]*") && !java.nio.file.Files.exists(Path.of(p)))) {
                name = Optional.of(p);
            } else {
                uri = Optional.of(p);
            }
        }
        ExecOptions options = ExecOptions.defaults();
        if (indexMode != null) {
            options = options.withIndexMode(switch (indexMode.toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> IndexMode.AUTO;
                case "scan" -> IndexMode.SCAN;
                case "index" -> IndexMode.INDEX;
                default -> throw new CliException("usage", "--index-mode must be auto, scan or index", ExitCodes.USAGE);
            });
        }
        Optional<String> branch = at != null && at.commit != null ? Optional.empty()
                : Optional.of(at != null && at.branch != null ? at.branch : "main");
        Optional<String> snapshot = at != null ? Optional.ofNullable(at.commit) : Optional.empty();
        Optional<JsonNode> params = Optional.ofNullable(parseParams());
        JsonNode result;
        try (DataPlane plane = target.open(uri, Optional.empty(), false)) {
            if (plane instanceof EmbeddedPlane embedded) {
                embedded.execOptions(options);
            }
            final Optional<String> queryName = name;
            result = Planes.call(context, out == OutputFormat.JSON, plane, () -> plane.query(text, fileName, queryName, params,
                    branch, snapshot));
        }
        context.out().print(io.omnigraph.cli.data.TableRender.render(out, io.omnigraph.cli.data.Render.envelope(result),
                io.omnigraph.cli.config.OperatorConfig.load(context.env()).table()));
        context.out().flush();
        return ExitCodes.OK;
    }

    /** The catalog lane: {@code query NAME} runs the stored read NAME of the served graph. */
    private int byName(OutputFormat out) {
        if (positionals.size() != 1) {
            throw new CliException("usage", "by-name invocation takes exactly one positional (the stored query's name);"
                    + " or pass the query source with --query F.gq or -e '<gq>'", ExitCodes.USAGE);
        }
        String queryName = positionals.get(0);
        Optional<String> branch = at != null ? Optional.ofNullable(at.branch) : Optional.empty();
        Optional<String> snapshot = at != null ? Optional.ofNullable(at.commit) : Optional.empty();
        Optional<JsonNode> params = Optional.ofNullable(parseParams());
        JsonNode result;
        try (DataPlane plane = target.open(Optional.empty(), Optional.empty(), false)) {
            result = Planes.invoke(context, out == OutputFormat.JSON, plane, queryName, () -> plane.invoke(queryName, params, branch, snapshot, false));
        }
        context.out().print(io.omnigraph.cli.data.TableRender.render(out, io.omnigraph.cli.data.Render.envelope(result),
                io.omnigraph.cli.config.OperatorConfig.load(context.env()).table()));
        context.out().flush();
        return ExitCodes.OK;
    }

    private static boolean declares(String text, String fileName, String name) {
        try {
            QueryFile f = QueryCompiler.parse(text, fileName);
            return f.query(name).isPresent();
        } catch (CompileException e) {
            // a source that does not parse reports its diagnostics when run; a bare word is then the query name
            return name.matches("[a-z_][A-Za-z0-9_]*");
        }
    }

    /** {@code --json} > {@code --format} > {@code defaults.output} > table. */
    private OutputFormat outputFormat() {
        if (json) {
            return OutputFormat.JSON;
        }
        if (format != null) {
            return OutputFormat.parse(format).orElseThrow(() -> new CliException("usage", "--format " + format
                    + " is not one of table, kv, csv, jsonl, json", ExitCodes.USAGE));
        }
        OperatorConfig config = OperatorConfig.load(context.env());
        config.warnings().forEach(w -> context.err().println("warning: " + w));
        return config.defaultOutput().map(f -> OutputFormat.parse(f).orElseThrow(() -> new CliException(
                "operator_config_invalid", "`defaults.output` in " + config.file() + " is '" + f
                + "'; use one of table, kv, csv, jsonl, json"))).orElse(OutputFormat.TABLE);
    }

    private JsonNode parseParams() {
        if (params == null) {
            return null;
        }
        String text = params.json != null ? params.json : CompilerOutput.read(params.file, "params_file_missing", "--params-file");
        String flag = params.json != null ? "--params" : "--params-file " + params.file;
        try {
            JsonNode n = context.json().readTree(text);
            if (n == null || !n.isObject()) {
                throw new CliException("invalid_params", flag + " must be a JSON object keyed by parameter name");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException("invalid_params", flag + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
