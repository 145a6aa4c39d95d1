package io.omnigraph.compiler.fuzz;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.lint.QueryLint;
import io.omnigraph.compiler.lint.SchemaSource;
import io.omnigraph.compiler.migrate.MigrationPlanner;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.schema.ir.SchemaIR;

/**
 * The property every input must satisfy: compiling yields a result or {@link CompileException} diagnostics —
 * never any other exception — and results are internally consistent.
 */
final class FuzzInvariants {
    private FuzzInvariants() {
    }

    static void checkDiagnostics(CompileException e) {
        if (e.diagnostics().isEmpty()) {
            throw new AssertionError("CompileException without diagnostics");
        }
        for (Diagnostic d : e.diagnostics()) {
            String m = d.message();
            if (!(m.startsWith("parse error: ") || m.startsWith("catalog error: ") || m.startsWith("type error: ")
                    || m.startsWith("plan error: "))) {
                throw new AssertionError("message without a phase prefix: " + m);
            }
            d.location().ifPresent(l -> {
                if (l.line() < 1 || l.column() < 1 || l.byteEnd() < l.byteStart()) {
                    throw new AssertionError("bad location " + l);
                }
            });
            if (d.render().isEmpty()) {
                throw new AssertionError("empty rendering");
            }
        }
    }

    /** Compiles a schema; on success checks the IR round trip and that re-evolving changes nothing. */
    static CompiledSchema schema(String text) {
        try {
            CompiledSchema s = SchemaCompiler.compile(text, "fuzz.pg");
            SchemaIR back = SchemaIR.fromJson(s.ir().toJson());
            if (!back.equals(s.ir()) || !back.toJson().equals(s.ir().toJson())) {
                throw new AssertionError("IR JSON does not round-trip for:\n" + text);
            }
            CompiledSchema again = SchemaCompiler.evolve(text, "fuzz.pg", s.ir());
            if (!again.ir().equals(s.ir())) {
                throw new AssertionError("evolving a schema against itself changed its IR:\n" + text);
            }
            if (!MigrationPlanner.plan(s.ir(), again.ir(), false).isEmpty()) {
                throw new AssertionError("plan against itself is not empty:\n" + text);
            }
            return s;
        } catch (CompileException e) {
            checkDiagnostics(e);
            return null;
        }
    }

    /** Evolves {@code desired} against {@code accepted} and plans; any outcome but a crash is fine. */
    static void evolve(CompiledSchema accepted, String desired) {
        try {
            MigrationPlanner.SchemaMigration m = MigrationPlanner.plan(accepted, desired, "fuzz2.pg", false);
            m.plan().toJson();
            m.plan().render();
        } catch (CompileException e) {
            checkDiagnostics(e);
        }
    }

    /** Parses a query file and typechecks and lints every query. */
    static void queries(Catalog catalog, String text) {
        QueryFile f;
        try {
            f = QueryCompiler.parse(text, "fuzz.gq");
        } catch (CompileException e) {
            checkDiagnostics(e);
            return;
        }
        for (QueryAst.QueryDecl q : f.queries()) {
            try {
                QueryCompiler.typecheck(f, q, catalog);
            } catch (CompileException e) {
                checkDiagnostics(e);
            }
            try {
                QueryCompiler.signature(f, q);
            } catch (CompileException e) {
                checkDiagnostics(e);
            }
        }
        QueryLint.lint(catalog, SchemaSource.file("fuzz.pg"), "fuzz.gq", text).toJson();
    }
}
