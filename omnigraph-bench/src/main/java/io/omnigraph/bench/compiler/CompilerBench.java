package io.omnigraph.bench.compiler;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.schema.ast.SchemaAst;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parse + typecheck throughput of the compiler on a large generated schema (default 100 node + 50 edge types) and
 * query file (default 600 queries). Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main CompilerBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompilerBench {
    @Param({"100"})
    public int nodeTypes;

    @Param({"600"})
    public int queries;

    String schemaText;
    String queryText;
    CompiledSchema schema;
    Catalog catalog;
    QueryFile queryFile;

    @Setup
    public void setup() {
        schemaText = CompilerWorkload.schema(nodeTypes, 7);
        schema = SchemaCompiler.compile(schemaText, "bench.pg");
        catalog = schema.catalog();
        queryText = CompilerWorkload.queries(catalog, queries, 11);
        queryFile = QueryCompiler.parse(queryText, "bench.gq");
    }

    @Benchmark
    public SchemaAst.File parseSchema() {
        return SchemaCompiler.parse(schemaText, "bench.pg");
    }

    @Benchmark
    public CompiledSchema compileSchema() {
        return SchemaCompiler.compile(schemaText, "bench.pg");
    }

    @Benchmark
    public String schemaDigest() {
        return SchemaCompiler.compile(schemaText, "bench.pg").schemaDigest();
    }

    @Benchmark
    public QueryFile parseQueries() {
        return QueryCompiler.parse(queryText, "bench.gq");
    }

    @Benchmark
    public List<QueryPlan> typecheckQueries() {
        return QueryCompiler.typecheckAll(queryFile, catalog);
    }

    @Benchmark
    public List<QueryPlan> parseAndTypecheckQueries() {
        return QueryCompiler.typecheckAll(QueryCompiler.parse(queryText, "bench.gq"), catalog);
    }
}
