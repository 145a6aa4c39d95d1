package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.Diagnostics;
import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.schema.ast.SchemaAst;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.schema.parse.SchemaParser;

/**
 * Entry point for {@code .pg} schemas: parse, validate, expand interfaces, assign stable identities, build the
 * catalog. Stateless and thread-safe.
 *
 * <pre>{@code
 * CompiledSchema s = SchemaCompiler.compile(text, "schema.pg");            // init: fresh ids
 * CompiledSchema next = SchemaCompiler.evolve(newText, "schema.pg", s.ir()); // keeps ids, follows @rename_from
 * }</pre>
 * Every failure is a {@link CompileException} whose diagnostics carry file, line, column, code and hint.
 */
public final class SchemaCompiler {
    private SchemaCompiler() {
    }

    /**
     * Compiles a schema for a new graph: identities are allocated from 1 (types in (kind, name) order, then
     * properties per type in name order, then tables); {@code @rename_from} hints are inert.
     *
     * @param source   the {@code .pg} text
     * @param fileName the name used in diagnostics
     * @throws CompileException on any parse or catalog error
     */
    public static CompiledSchema compile(String source, String fileName) {
        SourceText text = new SourceText(fileName, source);
        ResolvedSchema resolved = resolve(text);
        Diagnostics d = new Diagnostics(text);
        SchemaIR ir = new IdentityAssigner(d).fresh(resolved);
        d.throwIfErrors();
        return new CompiledSchema(fileName, source, ir, Catalog.of(ir));
    }

    /**
     * Compiles a desired schema against the accepted IR of an existing graph: matched types and properties keep
     * their ids (same name, or {@code @rename_from("Old")}), new ones get ids from the accepted
     * {@code next_identity_id}.
     *
     * @throws CompileException on parse/catalog errors and unresolvable {@code @rename_from} hints
     */
    public static CompiledSchema evolve(String source, String fileName, SchemaIR accepted) {
        SourceText text = new SourceText(fileName, source);
        ResolvedSchema resolved = resolve(text);
        Diagnostics d = new Diagnostics(text);
        SchemaIR ir = new IdentityAssigner(d).evolve(resolved, accepted);
        d.throwIfErrors();
        return new CompiledSchema(fileName, source, ir, Catalog.of(ir));
    }

    /**
     * Parses only (syntax and scanning errors), without validation.
     *
     * @throws CompileException on syntax errors
     */
    public static SchemaAst.File parse(String source, String fileName) {
        return SchemaParser.parse(new SourceText(fileName, source));
    }

    private static ResolvedSchema resolve(SourceText text) {
        SchemaAst.File file = SchemaParser.parse(text);
        Diagnostics d = new Diagnostics(text);
        ResolvedSchema resolved = new SchemaResolver(d).resolve(file);
        d.throwIfErrors();
        return resolved;
    }
}
