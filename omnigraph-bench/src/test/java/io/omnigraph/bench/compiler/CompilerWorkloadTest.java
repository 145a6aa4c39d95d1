package io.omnigraph.bench.compiler;

import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark workload is valid: one full parse + typecheck round over the generated schema and queries. */
class CompilerWorkloadTest {
    @Test
    void generatedWorkloadCompilesAndTypechecks() {
        String schemaText = CompilerWorkload.schema(100, 7);
        CompiledSchema schema = SchemaCompiler.compile(schemaText, "bench.pg");
        assertThat(schema.catalog().nodeTypes()).hasSize(100);
        assertThat(schema.catalog().edgeTypes()).hasSize(50);
        String queryText = CompilerWorkload.queries(schema.catalog(), 600, 11);
        QueryFile file = QueryCompiler.parse(queryText, "bench.gq");
        assertThat(file.names()).isEqualTo(CompilerWorkload.queryNames(600));
        List<QueryPlan> plans = QueryCompiler.typecheckAll(file, schema.catalog());
        assertThat(plans).hasSize(600);
        assertThat(plans.stream().filter(QueryPlan::isMutation).count()).isEqualTo(200);
        assertThat(CompilerWorkload.schema(100, 7)).isEqualTo(schemaText);
    }

    @Test
    void jmhBenchmarkMethodsRunOnce() {
        CompilerBench b = new CompilerBench();
        b.nodeTypes = 20;
        b.queries = 60;
        b.setup();
        assertThat(b.parseSchema().decls()).hasSize(20 + 10 + 1);
        assertThat(b.compileSchema().catalog().nodeTypes()).hasSize(20);
        assertThat(b.schemaDigest()).hasSize(64);
        assertThat(b.parseQueries().queries()).hasSize(60);
        assertThat(b.typecheckQueries()).hasSize(60);
        assertThat(b.parseAndTypecheckQueries()).hasSize(60);
    }
}
