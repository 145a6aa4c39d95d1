package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.omnigraph.compiler.diag.CompilerErrorCode.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** One negative case (at least) per schema error code; messages carry the spec's wording and prefix. */
class SchemaErrorsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // grammar
                Arguments.of("node P { # comment\n n: String }", SYNTAX, "parse error: expected"),
                Arguments.of("enum Foo { a }", SYNTAX, "parse error: expected \"interface\", \"node\", \"edge\" or end of input, found \"enum\""),
                Arguments.of("node P { n: Str }", SYNTAX, "found \"Str\""),
                Arguments.of("node p { }", SYNTAX, "node type name"),
                Arguments.of("interface I { n: String  @key(n) }", SYNTAX, "parse error:"),
                Arguments.of("node P { n: String @unique(true_x) }", SYNTAX, "parse error:"),
                Arguments.of("edge E: P -> P @description(\"d\") @card(0..1)", SYNTAX, "parse error:"),
                Arguments.of("edge E: P -> P { @card(0..1) }", SYNTAX, "parse error:"),
                Arguments.of("node P { n: [Vector(3)] }", SYNTAX, "parse error:"),
                Arguments.of("node P { n: String } /* unterminated", SYNTAX, "parse error:"),
                Arguments.of("node P { n: enum(\"a\") }", SYNTAX, "enum value"),
                Arguments.of("node P { n: String @description(\"a\\q\") }", UNSUPPORTED_ESCAPE, "parse error: unsupported escape sequence: \\q"),
                Arguments.of("node P { n: Vector(99999999999999999999) }", NUMBER_OUT_OF_RANGE, "out of range"),
                // shape
                Arguments.of("node P @description(\"a\") @description(\"b\") { n: String }", DUPLICATE_ANNOTATION, "duplicate @description on node P"),
                Arguments.of("node P { n: String @index @index }", DUPLICATE_ANNOTATION, "duplicate @index on property 'n'"),
                Arguments.of("node P { n: String @key @key }", DUPLICATE_ANNOTATION, "duplicate @key"),
                Arguments.of("node P @key { n: String }", MISPLACED_ANNOTATION, "@key is not allowed as a node annotation"),
                Arguments.of("node P { n: String }  edge E: P -> P @unique", MISPLACED_ANNOTATION, "@unique is not allowed as an edge annotation"),
                Arguments.of("node P { n: String }  edge E: P -> P { w: String @key }", MISPLACED_ANNOTATION, "@key is not allowed on edge property"),
                Arguments.of("node P { n: String }  edge E: P -> P { v: Vector(2) @embed(w) w: String }", MISPLACED_ANNOTATION, "@embed is only allowed on node properties"),
                Arguments.of("node P { n: String }  edge E: P -> P { w: I32  @range(w, 1..2) }", MISPLACED_ANNOTATION, "@range is not allowed in an edge body"),
                Arguments.of("node P { n: String }  edge E: P -> P { w: I32  @key(w) }", MISPLACED_ANNOTATION, "@key is not allowed in an edge body"),
                Arguments.of("node P { n: String @instruction(\"x\") }", MISPLACED_ANNOTATION, "@instruction is not allowed on property 'n'"),
                Arguments.of("node P @description(\"\") { n: String }", INVALID_ANNOTATION, "needs a non-empty text"),
                Arguments.of("node P @rename_from(\"A\", x=\"y\") { n: String }", INVALID_ANNOTATION, "@rename_from on node P takes exactly one"),
                Arguments.of("node P { n: String @rename_from }", INVALID_ANNOTATION, "@rename_from on property 'n'"),
                Arguments.of("node P { n: String  @unique(\"n\") }", INVALID_CONSTRAINT, "expected property name in constraint"),
                Arguments.of("node P { n: String  @unique(n, n) }", INVALID_CONSTRAINT, "names 'n' twice"),
                Arguments.of("node P { n: String  @range(n, 1..2) }", INVALID_CONSTRAINT, "requires a numeric property"),
                Arguments.of("node P { n: I32  @range(n, 5..2) }", INVALID_CONSTRAINT, "greater than max"),
                Arguments.of("node P { n: I32  @range(n) }", INVALID_CONSTRAINT, "@range expects"),
                Arguments.of("node P { n: I32  @check(n, \"x\") }", INVALID_CONSTRAINT, "requires a String property"),
                Arguments.of("node P { n: String  @check(n, x) }", INVALID_CONSTRAINT, "@check expects"),
                Arguments.of("node P { n: [String] @unique }", INVALID_CONSTRAINT, "@unique is not supported on [String]"),
                Arguments.of("node P { n: Blob @index }", INVALID_CONSTRAINT, "@index is not supported on Blob"),
                Arguments.of("node P { n: Blob  @unique(n) }", INVALID_CONSTRAINT, "not supported on Blob property 'n'"),
                Arguments.of("node P { n: String  @unique(x) }", UNKNOWN_CONSTRAINT_PROPERTY, "@unique on P references unknown property 'x'"),
                Arguments.of("node P { n: String  @key(m) }", UNKNOWN_CONSTRAINT_PROPERTY, "@key on P references unknown property 'm'"),
                Arguments.of("node P { a: String @key  b: String @key }", MULTIPLE_KEYS, "multiple @key constraints"),
                Arguments.of("node P { a: String @key  b: String  @key(b) }", MULTIPLE_KEYS, "multiple @key constraints"),
                Arguments.of("node P { a: String? @key }", INVALID_KEY, "cannot be nullable"),
                Arguments.of("node P { a: [String]  @key(a) }", INVALID_KEY, "cannot be a list"),
                Arguments.of("node P { a: Vector(3) @key }", INVALID_KEY, "cannot be a Vector"),
                Arguments.of("node P { a: Blob @key }", INVALID_KEY, "cannot be a Blob"),
                Arguments.of("node P { a: enum(x, x) }", INVALID_TYPE, "enum type cannot include duplicate values"),
                Arguments.of("node P { a: Vector(0) }", INVALID_TYPE, "vector dimension must be between 1"),
                Arguments.of("node P { a: [Blob] }", INVALID_TYPE, "lists of Blob are not supported"),
                Arguments.of("node P { _rowid: String }", RESERVED_NAME, "property name '_rowid' is reserved"),
                Arguments.of("node P { id: String }", RESERVED_NAME, "property name 'id' is reserved"),
                Arguments.of("node P { n: String }  edge E: P -> P { src: String }", RESERVED_NAME, "property name 'src' is reserved"),
                Arguments.of("node P { v: Vector(2) @embed }", INVALID_EMBED, "needs the source property"),
                Arguments.of("node P { v: Vector(2) @embed(t, dims=3)  t: String }", INVALID_EMBED, "only the keyword argument 'model'"),
                Arguments.of("node P { v: String @embed(t)  t: String }", INVALID_EMBED, "requires a Vector property"),
                Arguments.of("node P { v: Vector(2) @embed(t) }", INVALID_EMBED, "references unknown property 't'"),
                Arguments.of("node P { v: Vector(2) @embed(t)  t: I32 }", INVALID_EMBED, "must be a String property"),
                Arguments.of("node P { n: String }  edge E: P -> P @card(3..1)", INVALID_CARDINALITY, "greater than max"),
                Arguments.of("node P { n: String }  edge E: P -> P @card(1)", INVALID_CARDINALITY, "must be written as @card(min..max)"),
                Arguments.of("node P implements Nope { n: String }", UNKNOWN_INTERFACE, "node P implements unknown interface 'Nope'"),
                Arguments.of("interface I { n: I32 }  node P implements I { n: String }", INTERFACE_PROPERTY_CONFLICT,
                        "node P property 'n' has type String but interface I declares it as I32"),
                Arguments.of("interface I { n: I32 }  interface J { n: I64 }  node P implements I, J { }", INTERFACE_PROPERTY_CONFLICT,
                        "node P property 'n' has type I32 but interface J declares it as I64"),
                Arguments.of("node P { n: String  @check(n, \"(\") }", INVALID_CHECK_PATTERN, "invalid pattern"),
                // catalog
                Arguments.of("node P { n: String }  node P { m: String }", DUPLICATE_TYPE, "catalog error: duplicate node type name 'P'"),
                Arguments.of("interface P { n: String }  node P { m: String }", DUPLICATE_TYPE, "same name as an interface"),
                Arguments.of("interface I { n: String }  node P implements I, I { }", DUPLICATE_TYPE, "lists interface 'I' twice"),
                Arguments.of("node P { n: String  n: I32 }", DUPLICATE_PROPERTY, "catalog error: duplicate property 'n' in node P"),
                Arguments.of("node P { n: String }  edge Knows: P -> P  edge KNOWS: P -> P", EDGE_NAME_COLLISION, "edge name collision after case folding"),
                Arguments.of("node P { n: String }  edge E: P -> Q", UNKNOWN_ENDPOINT, "edge E references unknown target type: Q"),
                Arguments.of("node P { n: String }  edge E: Q -> P", UNKNOWN_ENDPOINT, "edge E references unknown source type: Q"),
                Arguments.of("interface I { n: String @index }  interface J { n: String }  node P implements I, J { }",
                        INCOMPATIBLE_INTERFACE_SEMANTICS, "catalog error: interfaces contributing 'P.n' have incompatible property semantics")
        );
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void rejected(String source, CompilerErrorCode code, String fragment) {
        CompileException e = catchThrowableOfType(CompileException.class, () -> SchemaCompiler.compile(source, "bad.pg"));
        assertThat(e).as("expected %s for %s", code, source).isNotNull();
        assertThat(e.diagnostics()).extracting(Diagnostic::code).contains(code);
        Diagnostic d = e.diagnostics().stream().filter(x -> x.code() == code).findFirst().orElseThrow();
        assertThat(d.message()).contains(fragment);
        assertThat(d.location()).isPresent();
        assertThat(d.location().get().file()).isEqualTo("bad.pg");
        assertThat(d.render()).contains("bad.pg:").contains("^").contains("= code: " + code.code());
    }
}
