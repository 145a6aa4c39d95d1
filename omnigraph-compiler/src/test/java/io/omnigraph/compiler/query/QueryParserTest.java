package io.omnigraph.compiler.query;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.query.ast.QueryAst.Binding;
import io.omnigraph.compiler.query.ast.QueryAst.Filter;
import io.omnigraph.compiler.query.ast.QueryAst.ReadBody;
import io.omnigraph.compiler.query.ast.QueryAst.Traversal;
import io.omnigraph.compiler.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryParserTest {

    static ReadBody body(String gq) {
        return (ReadBody) QueryCompiler.parse(gq, "q.gq").queries().get(0).body();
    }

    static CompileException parseError(String gq) {
        CompileException e = catchThrowableOfType(CompileException.class, () -> QueryCompiler.parse(gq, "q.gq"));
        assertThat(e).as(gq).isNotNull();
        assertThat(e.getMessage()).startsWith("parse error: ");
        return e;
    }

    @Test
    void fixtureFilesParse() {
        assertThat(QueryCompiler.parse(TestResources.fixture("test.gq"), "test.gq").names()).contains("get_person",
                "friends_of", "unemployed", "friend_counts", "age_stats", "top_connected");
        assertThat(QueryCompiler.parse(TestResources.fixture("search.gq"), "search.gq").queries()).hasSize(8);
    }

    @Test
    void clausesFollowOrderedChoice() {
        ReadBody b = body("query t() { match { $p: Person { name: \"A\", age: 3, } $p knows $f $p.age > 3 $q contains $m "
                + "search($p.name, \"x\") not { $p worksAt $_ } } return { $p.name } }");
        List<QueryAst.Clause> cs = b.match();
        assertThat(cs.get(0)).isInstanceOf(Binding.class);
        assertThat(((Binding) cs.get(0)).props()).hasSize(2);
        assertThat(cs.get(1)).isInstanceOf(Traversal.class);
        assertThat(cs.get(2)).isInstanceOf(Filter.class);
        // `$q contains $m` is a traversal over an edge named "contains" (PEG quirk)
        assertThat(cs.get(3)).isInstanceOfSatisfying(Traversal.class, t -> assertThat(t.edge()).isEqualTo("contains"));
        assertThat(cs.get(4)).isInstanceOf(QueryAst.SearchClause.class);
        assertThat(cs.get(5)).isInstanceOf(QueryAst.Negation.class);
    }

    @Test
    void traversalForms() {
        ReadBody b = body("query t() { match { $p $w:knows $f  $p <knows>{1,2} $g  $p knows{2,} $h  $p $_:knows $x } return { $p } }");
        Traversal t0 = (Traversal) b.match().get(0);
        assertThat(t0.edgeVar()).map(QueryAst.Var::name).contains("w");
        Traversal t1 = (Traversal) b.match().get(1);
        assertThat(t1.undirected()).isTrue();
        assertThat(t1.bounds().orElseThrow().max()).hasValue(2);
        Traversal t2 = (Traversal) b.match().get(2);
        assertThat(t2.bounds().orElseThrow().max()).isEmpty();
        Traversal t3 = (Traversal) b.match().get(3);
        assertThat(t3.edgeVar().orElseThrow().anonymous()).isTrue();
    }

    @Test
    void edgeWordMayStartWithNotButNotBeNot() {
        assertThat(((Traversal) body("query t() { match { $a notes $b } return { $a } }").match().get(0)).edge()).isEqualTo("notes");
        assertThat(((Traversal) body("query t() { match { $a not2 $b } return { $a } }").match().get(0)).edge()).isEqualTo("not2");
        parseError("query t() { match { $a not_x $b } return { $a } }");
        parseError("query t() { match { $a not $b } return { $a } }");
    }

    @Test
    void projectionsMayBeNewlineSeparatedAndKeywordsArePrefixes() {
        ReadBody b = body("query t() { match { $p: Person } return { $p.name count($f) as friends\n $p.age } order { friends desc } limit10 }");
        assertThat(b.projections()).hasSize(3);
        assertThat(b.projections().get(1).alias()).contains("friends");
        assertThat(b.limit()).hasValue(10);
        assertThat(b.order().get(0).descending()).isTrue();
    }

    @Test
    void literalsOfEveryKind() {
        ReadBody b = body("query t() { match { $m: M { a: \"s\\\"\\n\", b: 3, c: 2.5, d: true, e: false, f: date(\"2024-01-01\"), "
                + "g: datetime(\"2024-01-01T00:00:00Z\"), h: [1, 2], i: [] } } return { $m } }");
        List<QueryAst.PropMatch> props = ((Binding) b.match().get(0)).props();
        assertThat(props).extracting(pm -> ((QueryAst.Literal) pm.value()).kind()).containsExactly(
                QueryAst.LiteralKind.STRING, QueryAst.LiteralKind.INTEGER, QueryAst.LiteralKind.FLOAT, QueryAst.LiteralKind.BOOL,
                QueryAst.LiteralKind.BOOL, QueryAst.LiteralKind.DATE, QueryAst.LiteralKind.DATETIME, QueryAst.LiteralKind.LIST,
                QueryAst.LiteralKind.LIST);
        assertThat(((QueryAst.Literal) props.get(0).value()).value()).isEqualTo("s\"\n");
    }

    @Test
    void mutationsAndAnnotations() {
        QueryFile f = QueryCompiler.parse("query m($n: String, $a: I32?) @description(\"adds\") @instruction(\"use sparingly\") {\n"
                + " insert Person { name: $n age: $a }\n update Person set { age: 3, } where name = $n\n }"
                + "query d() { delete Person where age >= 3 }", "m.gq");
        QueryAst.QueryDecl m = f.queries().get(0);
        assertThat(m.description()).contains("adds");
        assertThat(m.instruction()).contains("use sparingly");
        assertThat(m.params()).extracting(QueryAst.Param::nullable).containsExactly(false, true);
        assertThat(((QueryAst.MutationBody) m.body()).statements()).hasSize(2);
        assertThat(f.queries().get(1).isMutation()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mutation { insert Person { name: \"x\" } }",
            "query t() { match { $p: Person { } } return { $p } }",
            "query t() { match { $d: Doc } return { $d } order { nearest($d.e, $q) desc } limit 3 }",
            "query t() { delete Person where name contains \"x\" }",
            "query t() { match { $p: Person } }",
            "query t() { match { $p: Person } return { $p.name as true_x } order { true_x } }",
            "query t() { match { $p: Person } return { $p } insert Person { name: \"x\" } }",
            "query t() { insert Person { } }",
            "# comment\nquery t() { match { $p: Person } return { $p } }",
            "query t() { match { $p: Person $p.age > -1 } return { $p } }",
            "query t() { match { } return { $p } }",
            "query t($x: enum(a)) { match { $p: Person } return { $p } }",
            "query t() { match { $p: Person } return { $p } order { $p.name } limit }",
    })
    void grammarRejects(String gq) {
        assertThat(parseError(gq).code()).isEqualTo(CompilerErrorCode.SYNTAX);
    }

    @Test
    void semanticParseErrors() {
        assertThat(parseError("query t() { match { $p: P { n: \"\\q\" } } return { $p } }").code())
                .isEqualTo(CompilerErrorCode.UNSUPPORTED_ESCAPE);
        assertThat(parseError("query t() @description(\"a\") @description(\"b\") { match { $p: P } return { $p } }").getMessage())
                .isEqualTo("parse error: duplicate @description on query 't'");
        assertThat(parseError("query t() { match { $p: P } return { $p } } query t() { match { $p: P } return { $p } }").code())
                .isEqualTo(CompilerErrorCode.DUPLICATE_QUERY);
        assertThat(parseError("query t($a: String, $a: I32) { match { $p: P } return { $p } }").code())
                .isEqualTo(CompilerErrorCode.DUPLICATE_PARAM);
        assertThat(parseError("query t() { match { $p: P { n: 99999999999999999999 } } return { $p } }").code())
                .isEqualTo(CompilerErrorCode.NUMBER_OUT_OF_RANGE);
    }

    @Test
    void mutationWrapperErrorPointsAtTheStartWithAHint() {
        CompileException e = parseError("mutation { insert Person { name: \"x\" } }");
        assertThat(e.first().location().orElseThrow().column()).isEqualTo(1);
        assertThat(e.first().hint()).hasValueSatisfying(h -> assertThat(h).contains("no mutation { } wrapper"));
    }

    @Test
    void emptyFileHasNoQueries() {
        assertThat(QueryCompiler.parse("// nothing\n", "e.gq").queries()).isEmpty();
    }
}
