package io.omnigraph.compiler.fuzz;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic mutation testing in the default build: thousands of mutants of the fixtures (token insertions,
 * deletions, swaps, truncations) must each compile or fail with diagnostics. Complements the Jazzer regression runs
 * of {@link CompilerFuzzTest}, which only replay seeds unless fuzzing is switched on.
 */
class MutationFuzzTest {
    static final List<String> SCHEMA_TOKENS = List.of("node", "edge", "interface", "implements", "{", "}", "(", ")", ":", "->",
            ",", "?", "@key", "@unique", "@index", "@range(age, 1..)", "@check(name, \"x\")", "@card(0..1)", "@embed(\"name\")",
            "@rename_from(\"Old\")", "@description(\"d\")", "String", "I32", "Vector(2)", "[I64]", "enum(a, b)", "Blob", "Date",
            "\"", "\\q", "//", "/*", "*/", "-", "..", "9999999999999999999999", "name", "P", "$", "id", "_rowid", "\n", " ");
    static final List<String> QUERY_TOKENS = List.of("query", "match", "return", "order", "limit", "not", "{", "}", "(", ")",
            ":", ",", "$p", "$f", "$_", "$w:", "Person", "Company", "knows", "<knows>", "worksAt", "{1,2}", "{0,}", ".name", ".age",
            "=", ">", "contains", "starts_with", "count(", "sum(", "nearest(", "bm25(", "rrf(", "search(", "as", "desc", "asc",
            "\"x\"", "3", "2.5", "true", "date(\"2024-01-01\")", "[1, 2]", "now()", "insert", "update", "delete", "set",
            "where", "from:", "to:", "@description(\"d\")", "\n", " ");

    static String mutate(String text, List<String> tokens, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = sb.isEmpty() ? 0 : r.nextInt(sb.length());
            switch (r.nextInt(5)) {
                case 0 -> sb.insert(at, tokens.get(r.nextInt(tokens.size())));
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(12)));
                case 2 -> sb.replace(at, Math.min(sb.length(), at + 1 + r.nextInt(6)), tokens.get(r.nextInt(tokens.size())));
                case 3 -> sb.setLength(at);
                default -> {
                    int other = sb.isEmpty() ? 0 : r.nextInt(sb.length());
                    char c = sb.isEmpty() ? ' ' : sb.charAt(other);
                    if (!sb.isEmpty()) {
                        sb.setCharAt(other, sb.charAt(at));
                        sb.setCharAt(at, c);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Test
    void mutatedSchemasCompileOrFailWithDiagnostics() {
        SplittableRandom r = new SplittableRandom(20261121);
        List<String> seeds = List.of(TestResources.fixture("test.pg"), TestResources.fixture("context.pg"),
                TestResources.text("schemas/rich.pg"));
        CompiledSchema accepted = SchemaCompiler.compile(TestResources.text("schemas/rich.pg"), "rich.pg");
        int compiled = 0;
        for (int i = 0; i < 3000; i++) {
            String mutant = mutate(seeds.get(i % seeds.size()), SCHEMA_TOKENS, r);
            if (FuzzInvariants.schema(mutant) != null) {
                compiled++;
            }
            if (i % 3 == 2) {
                FuzzInvariants.evolve(accepted, mutant);
            }
        }
        assertThat(compiled).as("some mutants should still compile").isPositive().isLessThan(3000);
    }

    @Test
    void mutatedQueriesTypecheckOrFailWithDiagnostics() {
        SplittableRandom r = new SplittableRandom(42);
        Catalog f1 = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").catalog();
        Catalog search = SchemaCompiler.compile(TestResources.fixture("search.pg"), "search.pg").catalog();
        String test = TestResources.fixture("test.gq");
        String searchGq = TestResources.fixture("search.gq");
        for (int i = 0; i < 3000; i++) {
            boolean s = i % 2 == 0;
            FuzzInvariants.queries(s ? search : f1, mutate(s ? searchGq : test, QUERY_TOKENS, r));
        }
    }
}
