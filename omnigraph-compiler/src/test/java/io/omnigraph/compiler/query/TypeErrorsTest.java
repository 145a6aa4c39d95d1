package io.omnigraph.compiler.query;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.schema.SchemaCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.omnigraph.compiler.diag.CompilerErrorCode.*;
import static io.omnigraph.compiler.query.QueryTestSupport.q;
import static org.assertj.core.api.Assertions.assertThat;

/** One negative case (at least) per type error code, incl. every case of AC19. */
class TypeErrorsTest {
    /** F1 plus Doc (Vector(3)), a Blob and an enum, as AC19 allows. */
    static final Catalog C = SchemaCompiler.compile("""
            node Person { name: String @key  age: I32?  photo: Blob?  role: enum(admin, guest)?  tags: [String]? }
            node Company { name: String @key }
            node Doc { id_str: String @key  title: String  embedding: Vector(3)  n: I32 }
            interface Named { name: String }
            edge Knows: Person -> Person { since: Date? }
            edge WorksAt: Person -> Company
            """, "c.pg").catalog();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(q("match { $x: Nope } return { $x }"), T1, "type error: T1: unknown node type 'Nope'"),
                Arguments.of(q("match { $x: Named } return { $x }"), T1, "unknown node type 'Named'"),
                Arguments.of(q("match { $p: Person { nope: 1 } } return { $p }"), T2, "type error: T2: node type Person has no property 'nope'"),
                Arguments.of(q("match { $p: Person { age: \"x\" } } return { $p }"), T3, "type error: T3: property 'age' expects I32?, got String literal \"x\""),
                Arguments.of(q("match { $p: Person { role: \"root\" } } return { $p }"), T3, "expects one of [admin, guest]"),
                Arguments.of(q("match { $p: Person { tags: [\"a\"] } } return { $p }"), T3, "list equality in a binding"),
                Arguments.of(q("match { $p: Person { photo: \"x\" } } return { $p }"), T3, "Blob property 'photo' cannot be matched"),
                Arguments.of(q("match { $p likes $f } return { $p }"), T4, "type error: T4: unknown edge 'likes'"),
                Arguments.of(q("match { $c: Company  $c knows $f } return { $c }"), T5, "type error: T5: $c is a Company but Knows connects Person -> Person"),
                Arguments.of(q("match { $c: Company  $p: Person  $p worksAt $p } return { $c }"), T5, "T5"),
                Arguments.of(q("match { $p: Person } return { $p.nope }"), T6, "type error: T6: node type Person has no property 'nope'"),
                Arguments.of(q("match { $p: Person } return { $x.name }"), T6, "variable $x is not bound"),
                Arguments.of(q("match { $p: Person  $p $w:knows $f } return { $w.src }"), T6, "edge type Knows has no property 'src'"),
                Arguments.of(q("match { $p: Person  $p.age > \"x\" } return { $p }"), T7, "type error: T7: cannot compare I32? with String"),
                Arguments.of(q("match { $p: Person  $p.tags = \"x\" } return { $p }"), T7, "use contains for list membership"),
                Arguments.of(q("match { $p: Person  $p.age contains 3 } return { $p }"), T7, "contains needs a list, or two Strings"),
                Arguments.of(q("match { $p: Person  $p.name starts_with 3 } return { $p }"), T7, "starts_with needs two Strings"),
                Arguments.of("query t($a: [String]) { match { $p: Person { tags: $a } } return { $p } }", T7, "list parameter $a"),
                Arguments.of("query t($a: I32) { match { $p: Person { name: $a } } return { $p } }", T7, "parameter $a is I32"),
                Arguments.of(q("match { $p: Person { age: now() } } return { $p }"), T7, "now() is a DateTime"),
                Arguments.of(q("match { $p: Person } return { sum($p.name) }"), T8, "type error: T8: sum() needs a numeric argument, got String"),
                Arguments.of(q("match { $p: Person  $p $w:knows $f } return { max($w.since) }"), T8, "max() needs a numeric or String argument"),
                Arguments.of(q("match { $p: Person } return { $p.name, count($p), \"x\" }"), T9, "every other projection must be"),
                Arguments.of(q("match { $p: Person  not { $c: Company } } return { $p }"), T9, "must reference at least one variable bound outside"),
                Arguments.of(q("match { $p: Person } return { count($p) as n } order { $p.age }"), T9, "projected group keys"),
                Arguments.of("query t() { insert Nope { name: \"x\" } }", T10, "type error: T10: unknown mutation target 'Nope'"),
                Arguments.of("query t() { insert KNOWS { from: \"a\", to: \"b\" } }", T10, "unknown mutation target 'KNOWS'"),
                Arguments.of("query t() { insert Person { name: \"x\", nope: 1 } }", T11, "type error: T11: node type Person has no property 'nope'"),
                Arguments.of("query t() { delete Person where photo = \"x\" }", T11, "Blob property 'photo' cannot be used in where"),
                Arguments.of("query t() { delete Knows where nope = \"x\" }", T11, "edge type Knows has no property 'nope'"),
                Arguments.of("query t() { insert Person { age: 3 } }", T12, "type error: T12: insert Person is missing required property 'name'"),
                Arguments.of("query t() { insert Knows { from: \"a\" } }", T12, "missing required endpoint 'to'"),
                Arguments.of("query t() { insert Person { name: \"a\", name: \"b\" } }", T13, "type error: T13: duplicate assignment to 'name'"),
                Arguments.of("query t() { insert Person { name: $who } }", T14, "type error: T14: variable $who is not a declared parameter"),
                Arguments.of(q("match { $p: Person  $p knows{0,2} $f } return { $p }"), T15, "type error: T15: hop bounds need a minimum of at least 1"),
                Arguments.of(q("match { $p: Person  $p knows{3,2} $f } return { $p }"), T15, "maximum below the minimum"),
                Arguments.of(q("match { $p: Person  $p knows{1,} $f } return { $p }"), T15, "unbounded hop range"),
                Arguments.of(q("match { $d: Doc } return { $d } order { nearest($d.embedding, [1.0, 2.0]) } limit 3"), T15,
                        "nearest() query has 2 dimensions but $d.embedding is Vector(3)"),
                Arguments.of(q("match { $d: Doc } return { $d } order { nearest($d.title, $q) } limit 3"), T15, "nearest() needs a Vector property"),
                Arguments.of(q("match { $d: Doc } return { $d } order { nearest($x.embedding, $q) } limit 3"), T15, "is not bound"),
                Arguments.of(q("match { $d: Doc } return { $d } order { nearest($d.embedding, $q) } limit 3"), T15, "nearest() query is Vector(4)"),
                Arguments.of(q("match { $d: Doc } return { $d } order { nearest($d.embedding, 3) } limit 3"), T15, "nearest() query must be"),
                Arguments.of("query t() { update Knows set { since: date(\"2020-01-01\") } where from = \"a\" }", T16,
                        "type error: T16: update is only supported on node types; Knows is an edge type"),
                Arguments.of(q("match { $d: Doc } return { $d } order { nearest($d.embedding, [1, 2, 3]) }"), T17,
                        "type error: T17: order by nearest() needs a limit"),
                Arguments.of(q("match { $d: Doc } return { $d.title as t } order { nearest($d.embedding, [1, 2, 3]), t } limit 2"), T18,
                        "type error: T18: ordering by an alias cannot be combined with nearest()"),
                Arguments.of(q("match { $d: Doc  search($d.n, \"x\") } return { $d }"), T19, "type error: T19: search() needs a String property"),
                Arguments.of(q("match { $d: Doc  search($d.title, 3) } return { $d }"), T19, "search() needs a String query"),
                Arguments.of(q("match { $d: Doc  fuzzy($d.title, \"x\", \"2\") } return { $d }"), T19, "max_edits must be an integer"),
                Arguments.of(q("match { $d: Doc  match_text($d.n, \"x\") } return { $d }"), T20, "type error: T20: match_text() needs a String property"),
                Arguments.of(q("match { $d: Doc } return { $d } order { bm25($d.title, 3) }"), T20, "bm25() needs a String query"),
                Arguments.of(q("match { $d: Doc } return { $d } order { rrf(bm25($d.title, \"x\"), bm25($d.title, \"y\")) }"), T21,
                        "type error: T21: order by rrf() needs a limit"),
                Arguments.of(q("match { $d: Doc } return { $d } order { rrf(bm25($d.title, \"x\"), bm25($d.title, \"y\"), 0) } limit 2"), T21,
                        "k must be a positive integer"),
                Arguments.of(q("match { $d: Doc  $e: Doc } return { $d } order { rrf(bm25($d.title, \"x\"), bm25($e.title, \"y\")) } limit 2"), T21,
                        "must rank the same variable"),
                Arguments.of(q("match { $p: Person  $p <worksAt> $c } return { $p }"), T22, "type error: T22: undirected traversal <worksAt>"),
                Arguments.of(q("match { $p: Person  $p $w:knows{1,2} $f } return { $p }"), T23, "type error: T23: edge binding $w allows a single hop only"),
                Arguments.of(q("match { $p: Person  $p $w:knows $f } return { $w }"), T23, "edge binding $w cannot be used bare"),
                Arguments.of(q("match { $p: Person  $p $p:knows $f } return { $p }"), T23, "must differ from both endpoints"),
                Arguments.of(q("match { $p: Person  $p $w:knows $f  $w knows $g } return { $p }"), T23, "cannot be a traversal endpoint"),
                Arguments.of(q("match { $p: Person  $p $w:knows $f  $w: Person } return { $p }"), T23, "cannot be rebound as a node"),
                Arguments.of(q("match { $p: Person  $p $w:knows $f  $f $w:knows $g } return { $p }"), T23, "reuses a bound variable"),
                Arguments.of(q("match { $p: Person } return { $p.photo }"), T24, "type error: T24: Blob property $p.photo cannot be read"),
                Arguments.of("query t($b: Blob) { match { $p: Person } return { $b } }", T24, "Blob parameter $b"),
                Arguments.of(q("match { $p: Person } return { $p } order { $p.photo }"), T24, "cannot order by Blob"),
                // uncoded type errors
                Arguments.of(q("match { $p: Person  $p: Company } return { $p }"), REBIND_VARIABLE,
                        "type error: variable $p is already bound to Person and cannot be rebound to Company"),
                Arguments.of(q("match { $p: Person  $p.age > $nope } return { $p }"), UNBOUND_VARIABLE, "type error: variable $nope is neither bound"),
                Arguments.of(q("match { $p: Person { name: $nope } } return { $p }"), UNBOUND_VARIABLE, "variable $nope"),
                Arguments.of(q("match { $p: Person  not { $p knows $f } } return { $f }"), UNBOUND_VARIABLE, "bound only inside not { }"),
                Arguments.of("query t($__nanograph_now: String) { match { $p: Person } return { $p } }", RESERVED_PARAM, "is reserved"),
                Arguments.of("query t($x: Text) { match { $p: Person } return { $p } }", UNKNOWN_PARAM_TYPE, "unknown parameter type 'Text'"),
                Arguments.of(q("match { $p: Person { name: [[\"a\"]] } } return { $p }"), INVALID_LIST_LITERAL, "nested list"),
                Arguments.of(q("match { $p: Person  $p.tags contains [1, \"a\"] } return { $p }"), INVALID_LIST_LITERAL, "mixes"),
                Arguments.of(q("match { $p: Person  $p knows $f  $f.since > date(\"2024-13-01\") } return { $p }"), INVALID_LITERAL,
                        "invalid date literal"),
                Arguments.of(q("match { $p: Person } return { $p.name, $p.name }"), DUPLICATE_COLUMN, "duplicate result column 'p.name'"),
                Arguments.of(q("match { $p: Person } return { $p.name } order { nmae }"), UNKNOWN_ALIAS, "unknown alias 'nmae'"),
                Arguments.of(q("match { $p: Person  count($p) > 1 } return { $p }"), MISPLACED_AGGREGATE, "only allowed as a top-level projection"),
                Arguments.of(q("match { $p: Person } return { count(count($p)) }"), MISPLACED_AGGREGATE, "cannot be nested"),
                Arguments.of(q("match { $d: Doc } return { $d } order { $d.title, bm25($d.title, \"x\") }"), MISPLACED_RANKING,
                        "must be the first order item"),
                Arguments.of(q("match { $d: Doc  bm25($d.title, \"x\") > 1.0 } return { $d }"), MISPLACED_RANKING, "can only be used in order"),
                Arguments.of(q("match { $p: Person  $p.age = null } return { $p }"), UNSUPPORTED_EXPRESSION, "there is no null literal"),
                Arguments.of(q("match { $d: Doc } return { search($d.title, \"x\") }"), UNSUPPORTED_EXPRESSION, "is a match predicate"),
                Arguments.of(q("match { $p: Person } return { $p } order { $p.tags }"), UNSUPPORTED_EXPRESSION, "cannot order by [String]?"),
                Arguments.of("query t($s: I32) { update Person set { name: \"x\" } where age = $s }", KEY_UPDATE,
                        "cannot update @key property 'name' — delete and re-insert instead"),
                Arguments.of("query both($n: String) { insert Person { name: $n } delete Person where name = \"x\" }", MIXED_MUTATION,
                        "type error: mutation 'both' on the same query mixes inserts/updates and deletes")
        );
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void rejected(String gq, CompilerErrorCode code, String fragment) {
        CompileException e = QueryTestSupport.error(C, gq);
        assertThat(e.diagnostics()).extracting(Diagnostic::code).as(e.render()).contains(code);
        Diagnostic d = e.diagnostics().stream().filter(x -> x.code() == code).findFirst().orElseThrow();
        assertThat(d.message()).contains(fragment);
        assertThat(d.location()).as("location of %s", d).isPresent();
        assertThat(d.render()).contains("q.gq:").contains("^");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTypeCodeIsCovered(String ignored, CompilerErrorCode code, String ignored2) {
        assertThat(code.phase()).isIn(io.omnigraph.compiler.diag.Phase.TYPE);
    }
}
