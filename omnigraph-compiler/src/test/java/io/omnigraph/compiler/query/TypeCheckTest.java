package io.omnigraph.compiler.query;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.query.ir.Direction;
import io.omnigraph.compiler.query.ir.MatchBlock;
import io.omnigraph.compiler.query.ir.Ordering;
import io.omnigraph.compiler.query.ir.ParamSpec;
import io.omnigraph.compiler.query.ir.Projection;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.RankExpr;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.query.ir.ValueKind;
import io.omnigraph.compiler.query.ir.VarKind;
import io.omnigraph.compiler.query.ir.Variable;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.omnigraph.compiler.query.QueryTestSupport.F1;
import static io.omnigraph.compiler.query.QueryTestSupport.SEARCH;
import static io.omnigraph.compiler.query.QueryTestSupport.q;
import static io.omnigraph.compiler.query.QueryTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

/** Typechecking of valid queries: the IR the executor receives (spec §2.4–§2.6, acceptance cases AC1–AC17). */
class TypeCheckTest {

    @Test
    void everyFixtureQueryTypechecks() {
        QueryFile test = QueryCompiler.parse(TestResources.fixture("test.gq"), "test.gq");
        assertThat(QueryCompiler.typecheckAll(test, F1)).hasSize(test.queries().size());
        QueryFile search = QueryCompiler.parse(TestResources.fixture("search.gq"), "search.gq");
        assertThat(QueryCompiler.typecheckAll(search, SEARCH)).hasSize(8);
    }

    @Test
    void ac1BindingWithParam() {
        ReadQuery r = (ReadQuery) QueryCompiler.compile(TestResources.fixture("test.gq"), "test.gq", "get_person", F1);
        assertThat(r.columns()).containsExactly("p.name", "p.age");
        assertThat(r.params()).containsExactly(new ParamSpec("name", PropType.of(ScalarKind.STRING)));
        MatchBlock.Binding b = r.match().bindings().get(0);
        assertThat(b.var()).isEqualTo("p");
        assertThat(b.type().name()).isEqualTo("Person");
        assertThat(b.predicates().get(0).op()).isEqualTo(CompareOp.EQ);
        assertThat(b.predicates().get(0).value()).isEqualTo(new TypedExpr.ParamRef("name", PropType.of(ScalarKind.STRING)));
        assertThat(r.projections().get(1).expr().type()).isEqualTo(PropType.of(ScalarKind.I32).asNullable());
        assertThat(r.ordering().tieBreakColumns()).containsExactly("p.id");
    }

    @Test
    void ac2FilterOrderLimit() {
        ReadQuery r = read(F1, q("match { $p: Person  $p.age > 30 } return { $p.name, $p.age } order { $p.age desc } limit 2"));
        MatchBlock.Filter f = r.match().filters().get(0);
        assertThat(f.op()).isEqualTo(CompareOp.GT);
        assertThat(f.right()).isEqualTo(new TypedExpr.Literal(Value.integer(30), PropType.of(ScalarKind.I64)));
        Ordering.SortKey key = r.ordering().keys().get(0);
        assertThat(key.descending()).isTrue();
        assertThat(key.column()).contains("p.age");
        assertThat(r.limit()).hasValue(2);
    }

    @Test
    void ac3DirectionInference() {
        ReadQuery fwd = read(F1, q("match { $p: Person { name: $name }  $p knows $f } return { $f.name }"));
        MatchBlock.Traversal t = fwd.match().traversals().get(0);
        assertThat(t.direction()).isEqualTo(Direction.OUT);
        assertThat(t.src()).isEqualTo("p");
        assertThat(t.dst()).isEqualTo("f");
        assertThat(t.dstType().name()).isEqualTo("Person");
        // reverse: who works at Acme — $p is inferred from the edge's source type
        ReadQuery rev = read(F1, q("match { $c: Company { name: \"Acme\" }  $p worksAt $c } return { $p.name }"));
        MatchBlock.Traversal r = rev.match().traversals().get(0);
        assertThat(r.direction()).isEqualTo(Direction.OUT);
        assertThat(r.srcType().name()).isEqualTo("Person");
        assertThat(rev.match().variables()).extracting(Variable::name).containsExactly("c", "p");
        // src bound to the edge's target type: In
        ReadQuery in = read(F1, q("match { $c: Company  $c worksAt $p } return { $p.name }"));
        assertThat(in.match().traversals().get(0).direction()).isEqualTo(Direction.IN);
        assertThat(in.match().traversals().get(0).dstType().name()).isEqualTo("Person");
        // neither bound: Out, src := from, dst := to; edge word matched case-insensitively
        ReadQuery free = read(F1, q("match { $p worksat $c } return { $p.name, $c.name }"));
        assertThat(free.match().traversals().get(0).edge().name()).isEqualTo("WorksAt");
        assertThat(free.ordering().tieBreakColumns()).containsExactly("c.id", "p.id");
        // two hops
        ReadQuery two = read(F1, q("match { $p: Person { name: $name }  $p knows $mid  $mid knows $fof } return { $p.name, $mid.name, $fof.name }"));
        assertThat(two.match().traversals()).hasSize(2);
        assertThat(two.columns()).containsExactly("p.name", "mid.name", "fof.name");
    }

    @Test
    void ac4NegationScopes() {
        ReadQuery r = read(F1, q("match { $p: Person  not { $p worksAt $c  not { $c.name = \"Acme\" } } } return { $p.name }"));
        MatchBlock neg = r.match().negations().get(0);
        assertThat(neg.outerRefs()).containsExactly("p");
        assertThat(neg.variables()).extracting(Variable::name).containsExactly("c");
        assertThat(neg.negations().get(0).outerRefs()).containsExactly("c");
        assertThat(r.ordering().tieBreakColumns()).containsExactly("p.id");
        ReadQuery anon = read(F1, q("match { $p: Person  not { $p worksAt $_ } } return { $p.name }"));
        Variable v = anon.match().negations().get(0).variables().get(0);
        assertThat(v.anonymous()).isTrue();
        assertThat(v.name()).startsWith("_#");
    }

    @Test
    void ac5AggregatesNamesAndTypes() {
        ReadQuery r = (ReadQuery) QueryCompiler.compile(TestResources.fixture("test.gq"), "test.gq", "age_stats", F1);
        assertThat(r.columns()).containsExactly("c.name", "total_age", "avg_age", "youngest", "oldest", "headcount");
        assertThat(r.projections()).extracting(p -> p.expr().type().display())
                .containsExactly("String", "F64?", "F64?", "I32?", "I32?", "I64");
        assertThat(r.groupKeys()).containsExactly(0);
        assertThat(r.ordering().tieBreakColumns()).isEmpty();
        ReadQuery unaliased = read(F1, q("match { $p: Person  $p knows $f } return { $p.name  count($f)  count($f.age) }"));
        assertThat(unaliased.columns()).containsExactly("p.name", "f", "f.age");
        ReadQuery total = read(F1, q("match { $p: Person } return { count($p) as total }"));
        assertThat(total.groupKeys()).isEmpty();
        assertThat(total.isAggregate()).isTrue();
        ReadQuery names = read(F1, q("match { $p: Person } return { min($p.name) as first_name, max($p.name) as last_name }"));
        assertThat(names.projections()).extracting(p -> p.expr().type().display()).containsExactly("String?", "String?");
        ReadQuery friends = (ReadQuery) QueryCompiler.compile(TestResources.fixture("test.gq"), "test.gq", "friend_counts", F1);
        assertThat(friends.ordering().keys().get(0).column()).contains("friends");
    }

    @Test
    void ac6ac7UndirectedAndHops() {
        ReadQuery r = read(F1, q("match { $p: Person { name: $name }  $p <knows>{1,2} $f } return { $f.name }"));
        MatchBlock.Traversal t = r.match().traversals().get(0);
        assertThat(t.direction()).isEqualTo(Direction.BOTH);
        assertThat(t.minHops()).isEqualTo(1);
        assertThat(t.maxHops()).isEqualTo(2);
        assertThat(t.effectiveMaxHops()).isEqualTo(2);
        ReadQuery asym = read(F1, q("match { $p worksAt{1,3} $c } return { $c.name }"));
        assertThat(asym.match().traversals().get(0).effectiveMaxHops()).isEqualTo(1);
    }

    @Test
    void ac9EdgeBinding() {
        ReadQuery r = read(F1, q("match { $p: Person { name: $name }  $p $w:knows $f  $w.since >= date(\"2023-01-01\") } "
                + "return { $f.name, $w.since }"));
        MatchBlock.Traversal t = r.match().traversals().get(0);
        assertThat(t.edgeVar()).contains("w");
        assertThat(r.match().variables()).extracting(Variable::kind).containsExactly(VarKind.NODE, VarKind.NODE, VarKind.EDGE);
        assertThat(r.match().filters().get(0).right()).isEqualTo(new TypedExpr.Literal(new Value.Date(19358), PropType.of(ScalarKind.DATE)));
        assertThat(r.columns()).containsExactly("f.name", "w.since");
        assertThat(r.ordering().tieBreakColumns()).containsExactly("f.id", "p.id", "w.id");
        ReadQuery count = read(F1, q("match { $p: Person  $p $w:knows $f } return { $f.name, count($w.since) }"));
        assertThat(count.columns()).containsExactly("f.name", "w.since");
    }

    @Test
    void ac13LiteralsAndStringPredicates() {
        Catalog metric = SchemaCompiler.compile("node Metric { name: String @key  label: String? @index  score: F64?  ratio: F32?  "
                + "count: I32?  active: Bool?  born: Date?  seen: DateTime? }  node Tag { tname: String @key }  edge Tagged: Metric -> Tag", "m.pg").catalog();
        read(metric, q("match { $m: Metric  $m.score > 1.5 } return { $m.name }"));
        read(metric, q("match { $m: Metric { count: 2.7 } } return { $m.name }"));
        read(metric, q("match { $m: Metric { ratio: 0.25 } } return { $m.name }"));
        read(metric, q("match { $m: Metric  $m.seen < datetime(\"2024-01-01T00:00:00Z\") } return { $m.name }"));
        read(metric, q("match { $m: Metric { born: date(\"2024-06-01\") } } return { $m.name }"));
        ReadQuery lit = read(metric, q("match { $m: Metric  \"the alps are tall\" contains $m.label } return { $m.name }"));
        assertThat(lit.match().filters().get(0).op()).isEqualTo(CompareOp.CONTAINS);
        read(metric, q("match { $m: Metric  $m.label starts_with $m.name } return { $m.name }"));
        ReadQuery cross = read(metric, q("match { $a: Metric  $b: Metric  $b.label starts_with $a.label } return { $a.name, $b.name }"));
        assertThat(cross.match().bindings()).hasSize(2);
        read(metric, q("match { $m: Metric  not { $m tagged $t  $t.tname contains \"sal\" } } return { $m.name }"));
        read(metric, q("match { $m: Metric  $m.active != true } return { $m.name }"));
    }

    @Test
    void ac14ListsAndDateTimes() {
        Catalog task = SchemaCompiler.compile("node Task { slug: String @key  title: String  due_at: DateTime  tags: [String]  "
                + "scores: [I32]?  active_days: [Date]? }", "t.pg").catalog();
        ReadQuery r = read(task, "query due($deadline: DateTime, $tag: String) { match { $t: Task  $t.due_at <= $deadline  "
                + "$t.tags contains $tag } return { $t.slug, $t.due_at, $t.tags, $t.scores, $t.active_days } }");
        assertThat(r.match().filters()).extracting(MatchBlock.Filter::op).containsExactly(CompareOp.LE, CompareOp.CONTAINS);
        assertThat(r.operation().result()).extracting(v -> v.kind()).containsExactly(ValueKind.STRING, ValueKind.DATETIME,
                ValueKind.LIST, ValueKind.LIST, ValueKind.LIST);
        assertThat(r.operation().result().get(4).itemKind()).contains(ValueKind.DATE);
        ReadQuery member = read(task, "query t() { match { $t: Task { tags: \"launch\" } } return { $t.slug } }");
        assertThat(member.match().bindings().get(0).predicates().get(0).op()).isEqualTo(CompareOp.CONTAINS);
    }

    @Test
    void ac16ac17RankingModes() {
        QueryFile f = QueryCompiler.parse(TestResources.fixture("search.gq"), "search.gq");
        ReadQuery vec = (ReadQuery) QueryCompiler.typecheck(f, "vector_search", SEARCH);
        RankExpr.Nearest n = (RankExpr.Nearest) vec.ordering().ranking().orElseThrow();
        assertThat(n.var()).isEqualTo("d");
        assertThat(n.textQuery()).isFalse();
        assertThat(n.query()).isEqualTo(new TypedExpr.ParamRef("q", PropType.vector(4)));
        ReadQuery hybrid = (ReadQuery) QueryCompiler.typecheck(f, "hybrid_search", SEARCH);
        RankExpr.Rrf rrf = (RankExpr.Rrf) hybrid.ordering().ranking().orElseThrow();
        assertThat(rrf.k()).isEqualTo(60);
        assertThat(rrf.first()).isInstanceOf(RankExpr.Nearest.class);
        assertThat(rrf.second()).isInstanceOf(RankExpr.Bm25.class);
        ReadQuery text = (ReadQuery) QueryCompiler.typecheck(f, "text_search", SEARCH);
        TypedExpr.TextMatch m = (TypedExpr.TextMatch) text.match().filters().get(0).left();
        assertThat(m.kind()).isEqualTo(TypedExpr.TextMatchKind.SEARCH);
        ReadQuery fuzzy = (ReadQuery) QueryCompiler.typecheck(f, "fuzzy_search", SEARCH);
        assertThat(((TypedExpr.TextMatch) fuzzy.match().filters().get(0).left()).maxEdits()).isPresent();
        // literal query vector, string query (embedded), custom k, bm25 without limit
        ReadQuery lit = read(SEARCH, q("match { $d: Doc } return { $d.slug } order { nearest($d.embedding, [0.1, 0.2, 0.3, 1]) } limit 3"));
        assertThat(((RankExpr.Nearest) lit.ordering().ranking().orElseThrow()).query())
                .isEqualTo(new TypedExpr.Literal(new Value.Vector(new float[]{0.1f, 0.2f, 0.3f, 1f}), PropType.vector(4)));
        ReadQuery str = read(SEARCH, q("match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $qs) } limit 3"));
        assertThat(((RankExpr.Nearest) str.ordering().ranking().orElseThrow()).textQuery()).isTrue();
        ReadQuery k = read(SEARCH, q("match { $d: Doc } return { $d.slug } order { rrf(bm25($d.title, $qs), bm25($d.body, $qs), 10) } limit 3"));
        assertThat(((RankExpr.Rrf) k.ordering().ranking().orElseThrow()).k()).isEqualTo(10);
        read(SEARCH, q("match { $d: Doc } return { $d.slug } order { bm25($d.title, \"x\") }"));
    }

    @Test
    void scoreProjectionsAreF64() {
        ReadQuery r = read(SEARCH, q("match { $d: Doc } return { $d.slug, nearest($d.embedding, $q) as distance, bm25($d.title, $qs), "
                + "rrf(nearest($d.embedding, $q), bm25($d.title, $qs)) as score } order { nearest($d.embedding, $q) } limit 3"));
        assertThat(r.columns()).containsExactly("d.slug", "distance", "bm25", "score");
        assertThat(r.projections().subList(1, 4)).allSatisfy(p -> assertThat(p.expr()).isInstanceOf(TypedExpr.Score.class))
                .allSatisfy(p -> assertThat(p.expr().type().scalar()).isEqualTo(ScalarKind.F64));
    }

    @Test
    void columnNamingRules() {
        ReadQuery r = read(F1, "query t($name: String) { match { $p: Person } return { $p, $p.name, $name, \"x\", now(), $p.age as years } }");
        assertThat(r.columns()).containsExactly("p", "p.name", "name", "literal", "now", "years");
        assertThat(r.projections().get(0).expr()).isEqualTo(new TypedExpr.NodeIdRef("p"));
        assertThat(r.usesNow()).isTrue();
        assertThat(r.projections()).extracting(Projection::aggregate).containsOnly(false);
    }

    @Test
    void repeatedBindingsMergeConjunctively() {
        ReadQuery r = read(F1, q("match { $p: Person { name: $name }  $p: Person { age: 3 } } return { $p.name }"));
        assertThat(r.match().bindings()).hasSize(1);
        assertThat(r.match().bindings().get(0).predicates()).hasSize(2);
        assertThat(r.match().variables()).hasSize(1);
    }

    @Test
    void intLiteralWidensAndNowWorksInReads() {
        Catalog c = SchemaCompiler.compile("node E { id_str: String @key  at: DateTime  score: F64 }", "e.pg").catalog();
        ReadQuery r = read(c, q("match { $e: E  $e.at < now()  $e.score >= 3 } return { $e.id_str }"));
        assertThat(r.usesNow()).isTrue();
        assertThat(r.match().filters().get(0).right()).isEqualTo(new TypedExpr.Now());
    }

    @Test
    void operationDescriptorListsReadsSortedAndDeduplicated() {
        ReadQuery r = read(F1, q("match { $p: Person  $p knows $f  not { $p worksAt $c } } return { $p.name }"));
        assertThat(r.operation().reads()).extracting(t -> t.kind() + ":" + t.typeName())
                .containsExactly("edge:Knows", "edge:WorksAt", "node:Company", "node:Person");
        assertThat(r.operation().writes()).isEmpty();
    }

    @Test
    void signaturesNeedNoSchema() {
        QueryFile f = QueryCompiler.parse("query s($q: Vector(4)?, $tags: [String], $n: U64) @description(\"d\") "
                + "{ match { $x: X } return { $x } }", "s.gq");
        QuerySignature sig = QueryCompiler.signature(f, f.queries().get(0));
        assertThat(sig.kind()).isEqualTo("read");
        assertThat(sig.description()).contains("d");
        assertThat(sig.params()).extracting(p -> p.descriptor().kind()).containsExactly(ValueKind.VECTOR, ValueKind.LIST, ValueKind.BIGINT);
        assertThat(sig.params().get(0).descriptor().vectorDim()).hasValue(4);
        assertThat(sig.params().get(0).descriptor().nullable()).isTrue();
        assertThat(sig.params().get(1).descriptor().itemKind()).contains(ValueKind.STRING);
    }

    @Test
    void plansExposeQueryMetadata() {
        QueryPlan p = QueryCompiler.compile("query m($n: String) @instruction(\"careful\") { delete Person where name = $n }",
                "m.gq", "m", F1);
        assertThat(p.isMutation()).isTrue();
        assertThat(p.instruction()).contains("careful");
        assertThat(p.param("n")).isPresent();
        assertThat(List.of(p.name())).containsExactly("m");
    }
}
