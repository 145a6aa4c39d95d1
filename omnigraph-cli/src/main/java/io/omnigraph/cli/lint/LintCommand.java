package io.omnigraph.cli.lint;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.lint.LintReport;
import io.omnigraph.compiler.lint.QueryLint;
import io.omnigraph.compiler.lint.SchemaSource;
import io.omnigraph.compiler.schema.SchemaCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph lint --query Q.gq --schema S.pg [--json]}: parse and typecheck every query of a file against a
 * schema, with lint findings. Exits 1 iff the status is {@code error}. The graph-addressed form (URI, --store,
 * --cluster) reads the schema from a graph and is provided by the engine.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Typecheck and lint a .gq file against a schema (offline with --schema).",
                "Exit 1 when a query does not parse or typecheck; warnings alone exit 0."})
public final class LintCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "A graph whose schema to use (engine; not offline).")
    Optional<String> uri;

    @Option(names = "--query", required = true, paramLabel = "Q.gq", description = "The query file.")
    Path query;

    @Option(names = "--schema", paramLabel = "S.pg", description = "The schema file (offline lint).")
    Path schema;

    @Option(names = "--json", description = "Print the lint report as JSON.")
    boolean json;

    public LintCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (schema == null) {
            if (uri.isPresent()) {
                throw new CliException("unsupported", "linting against a graph (" + uri.get()
                        + ") needs the graph engine, which this build does not include yet; pass --schema S.pg");
            }
            throw new CliException("usage", "lint needs --schema S.pg (or a graph URI)", ExitCodes.USAGE);
        }
        if (uri.isPresent()) {
            throw new CliException("usage", "pass either --schema or a graph URI, not both", ExitCodes.USAGE);
        }
        String schemaSource = CompilerOutput.read(schema, "schema_file_missing", "--schema");
        String querySource = CompilerOutput.read(query, "query_file_missing", "--query");
        Catalog catalog;
        try {
            catalog = SchemaCompiler.compile(schemaSource, schema.toString()).catalog();
        } catch (CompileException e) {
            throw CompilerOutput.failure(context, e, "schema", json);
        }
        LintReport report = QueryLint.lint(catalog, SchemaSource.file(schema.toString()), query.toString(), querySource);
        if (json) {
            context.printJson(report.toJson());
        } else {
            context.out().print(report.render());
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
