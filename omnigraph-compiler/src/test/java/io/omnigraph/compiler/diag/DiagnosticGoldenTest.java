package io.omnigraph.compiler.diag;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.schema.SchemaCompiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Golden tests of the human rendering of diagnostics (headline, caret snippet, code, hint). */
class DiagnosticGoldenTest {

    static String renderSchemaError(String source) {
        CompileException e = catchThrowableOfType(CompileException.class, () -> SchemaCompiler.compile(source, "s.pg"));
        assertThat(e).as(source).isNotNull();
        return e.render();
    }

    @Test
    void schemaDiagnostics() {
        List<String> out = new ArrayList<>();
        out.add(renderSchemaError("node Person {\n    name: String @key\n    # age\n}\n"));
        out.add(renderSchemaError("node P {\n  name: String\n  @unique(nmae)\n}\n"));
        out.add(renderSchemaError("node P { n: String @description(\"a\\q\") }"));
        out.add(renderSchemaError("interface I { n: I32 }\nnode P implements I {\n\tn: String\n}"));
        out.add(renderSchemaError("edge E: P -> Q"));
        out.add(renderSchemaError("node P { n: String } /* open"));
        out.add(renderSchemaError("node Ünï { n: String }"));
        out.add(renderSchemaError("node P { émoji: String, x: I32 }\n"));
        assertThat(String.join("----\n", out)).isEqualTo(TestResources.text("golden/schema-diagnostics.txt"));
    }

    static String renderQueryError(String gq) {
        var catalog = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").catalog();
        CompileException e = catchThrowableOfType(CompileException.class, () -> {
            var f = io.omnigraph.compiler.query.QueryCompiler.parse(gq, "q.gq");
            io.omnigraph.compiler.query.QueryCompiler.typecheckAll(f, catalog);
        });
        assertThat(e).as(gq).isNotNull();
        return e.render();
    }

    @Test
    void queryDiagnostics() {
        List<String> out = new ArrayList<>();
        out.add(renderQueryError("query q() {\n  match {\n    $p: Person\n    $p.age > \"x\"\n  }\n  return { $p.name }\n}\n"));
        out.add(renderQueryError("query q() { match { $p: Persn } return { $p } }"));
        out.add(renderQueryError("query q() { match { $p: Person  $p workAt $c } return { $p } }"));
        out.add(renderQueryError("mutation { insert Person { name: \"x\" } }"));
        out.add(renderQueryError("query q() { match { $p: Person } return { $p } order { nearest($p.age, $x) desc } limit 1 }"));
        out.add(renderQueryError("query q($n: String) { insert Person { name: $n } delete Person where name = $n }"));
        out.add(renderQueryError("query q() { match { $p: Person } return { $p.nmae, $q } }"));
        assertThat(String.join("----\n", out)).isEqualTo(TestResources.text("golden/query-diagnostics.txt"));
    }

    @Test
    void diagnosticWithoutLocationRendersCodeOnly() {
        Diagnostic d = Diagnostic.error(CompilerErrorCode.INVALID_IR, "schema IR is malformed: x");
        assertThat(d.render()).isEqualTo("catalog error: schema IR is malformed: x\n = code: invalid_ir\n");
        assertThat(d.headline()).isEqualTo("catalog error: schema IR is malformed: x");
    }

    @Test
    void locationsUseOneBasedCodePointColumnsAndUtf8ByteOffsets() {
        SourceText t = new SourceText("f", "ab\n😀x");
        SourceLocation l = t.locate(new Span(5, 6));
        assertThat(l.line()).isEqualTo(2);
        assertThat(l.column()).isEqualTo(2);
        assertThat(l.byteStart()).isEqualTo(7);
        assertThat(l.display()).isEqualTo("f:2:2");
    }
}
