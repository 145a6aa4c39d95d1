package io.omnigraph.compiler.query;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.ir.MutationQuery;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.schema.SchemaCompiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class QueryTestSupport {
    static final Catalog F1 = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").catalog();
    static final Catalog SEARCH = SchemaCompiler.compile(TestResources.fixture("search.pg"), "search.pg").catalog();

    private QueryTestSupport() {
    }

    /** Compiles the single query of a text. */
    static QueryPlan plan(Catalog catalog, String gq) {
        QueryFile f = QueryCompiler.parse(gq, "q.gq");
        assertThat(f.queries()).hasSize(1);
        return QueryCompiler.typecheck(f, f.queries().get(0), catalog);
    }

    static ReadQuery read(Catalog catalog, String gq) {
        return (ReadQuery) plan(catalog, gq);
    }

    static MutationQuery mutation(Catalog catalog, String gq) {
        return (MutationQuery) plan(catalog, gq);
    }

    /** A read query with the given match/return/... body. */
    static String q(String body) {
        return "query t($name: String, $n: I64, $q: Vector(4), $qs: String) { " + body + " }";
    }

    static CompileException error(Catalog catalog, String gq) {
        CompileException e = catchThrowableOfType(CompileException.class, () -> plan(catalog, gq));
        assertThat(e).as("expected a compile error for: %s", gq).isNotNull();
        return e;
    }
}
