package io.omnigraph.compiler.query;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.diag.Suggestions;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.query.ast.QueryAst.QueryDecl;
import io.omnigraph.compiler.query.check.TypeChecker;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.parse.QueryParser;

import java.util.List;

/**
 * Entry point for {@code .gq} queries: parse a file into declarations, typecheck a declaration against a
 * {@link Catalog} into an executable {@link QueryPlan}. Stateless and thread-safe.
 *
 * <pre>{@code
 * QueryFile file = QueryCompiler.parse(text, "queries.gq");
 * QueryPlan plan = QueryCompiler.typecheck(file, "get_person", schema.catalog());
 * }</pre>
 * Failures are {@link CompileException}s whose diagnostics carry file, line, column, code and hint; the message
 * prefix is {@code parse error: …} or {@code type error: Tn: …}.
 */
public final class QueryCompiler {
    private QueryCompiler() {
    }

    /**
     * Parses a {@code .gq} text.
     *
     * @throws CompileException on syntax errors, bad escapes, duplicate query/parameter names or annotations
     */
    public static QueryFile parse(String source, String fileName) {
        SourceText text = new SourceText(fileName, source);
        QueryAst.File file = QueryParser.parse(text);
        return new QueryFile(text, file.queries());
    }

    /**
     * Typechecks the named query of a parsed file.
     *
     * @throws CompileException with code {@code unknown_query} if the file has no such query, or the type errors
     */
    public static QueryPlan typecheck(QueryFile file, String queryName, Catalog catalog) {
        QueryDecl decl = file.query(queryName).orElseThrow(() -> new CompileException(Diagnostic.error(
                CompilerErrorCode.UNKNOWN_QUERY, "query '" + queryName + "' not found in " + file.fileName(),
                null, null, file.names().isEmpty() ? "the file declares no queries"
                        : Suggestions.didYouMean(queryName, file.names()))));
        return typecheck(file, decl, catalog);
    }

    /**
     * Typechecks one declaration of a parsed file.
     *
     * @throws CompileException with every type error found
     */
    public static QueryPlan typecheck(QueryFile file, QueryDecl decl, Catalog catalog) {
        return TypeChecker.check(decl, catalog, file.source());
    }

    /**
     * Typechecks every query of a file; fails on the first query with errors.
     *
     * @throws CompileException with the errors of the first failing query
     */
    public static List<QueryPlan> typecheckAll(QueryFile file, Catalog catalog) {
        return file.queries().stream().map(q -> typecheck(file, q, catalog)).toList();
    }

    /**
     * Parses a text holding (at least) the named query and typechecks it — the ad-hoc query path.
     *
     * @throws CompileException on parse or type errors, or if the query is not in the text
     */
    public static QueryPlan compile(String source, String fileName, String queryName, Catalog catalog) {
        return typecheck(parse(source, fileName), queryName, catalog);
    }

    /**
     * What a query declares (name, read/mutation, typed parameters, description, instruction), without a schema.
     *
     * @throws CompileException for reserved parameter names and unknown parameter types
     */
    public static QuerySignature signature(QueryFile file, QueryDecl decl) {
        return new QuerySignature(decl.name(), decl.isMutation(), TypeChecker.params(decl, file.source()),
                decl.description(), decl.instruction());
    }
}
