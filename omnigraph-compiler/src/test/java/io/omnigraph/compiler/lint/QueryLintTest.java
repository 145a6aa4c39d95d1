package io.omnigraph.compiler.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.schema.SchemaCompiler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Query lint (spec §2.9, AC22). */
class QueryLintTest {
    static final String FILE = """
            query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }
            query nuke() { delete Person where name = "x" }
            """;

    static LintReport lint(String schema, String gq) {
        Catalog c = SchemaCompiler.compile(schema, "s.pg").catalog();
        return QueryLint.lint(c, SchemaSource.file("s.pg"), "q.gq", gq);
    }

    @Test
    void ac22NoParamsWarningOnly() {
        LintReport r = lint(TestResources.fixture("test.pg"), FILE);
        JsonNode j = r.toJson();
        assertThat(j.get("status").asText()).isEqualTo("ok");
        assertThat(j.get("errors").asInt()).isZero();
        assertThat(j.get("warnings").asInt()).isEqualTo(1);
        assertThat(j.get("queries_processed").asInt()).isEqualTo(2);
        assertThat(j.get("schema_source").toString()).isEqualTo("{\"kind\":\"file\",\"path\":\"s.pg\"}");
        assertThat(j.get("findings")).isEmpty();
        JsonNode nuke = j.get("results").get(1);
        assertThat(nuke.get("name").asText()).isEqualTo("nuke");
        assertThat(nuke.get("kind").asText()).isEqualTo("mutation");
        assertThat(nuke.get("warnings").get(0).asText()).isEqualTo(QueryLint.NO_PARAMS);
        assertThat(j.get("results").get(0).has("warnings")).isFalse();
        assertThat(j.get("results").get(0).get("operation").toString())
                .isEqualTo("{\"result\":[],\"reads\":[{\"kind\":\"node\",\"type_name\":\"Person\"}],\"writes\":[{\"kind\":\"node\",\"type_name\":\"Person\"}]}");
    }

    @Test
    void ac22UnsetPropertyFinding() {
        LintReport r = lint("node Person { name: String @key  age: I32?  nick: String? }", FILE);
        JsonNode j = r.toJson();
        assertThat(j.get("status").asText()).isEqualTo("ok");
        assertThat(j.get("warnings").asInt()).isEqualTo(2);
        assertThat(j.get("findings").toString()).isEqualTo("[{\"severity\":\"warning\",\"code\":\"L201\","
                + "\"message\":\"Person.nick exists in schema but no update query sets it\",\"type_name\":\"Person\","
                + "\"property\":\"nick\",\"query_names\":[\"set_age\"]}]");
        assertThat(r.ok()).isTrue();
    }

    @Test
    void ac22SyntaxErrorIsOneQ000Finding() {
        LintReport r = lint(TestResources.fixture("test.pg"), "query broken( { }");
        JsonNode j = r.toJson();
        assertThat(j.get("status").asText()).isEqualTo("error");
        assertThat(j.get("queries_processed").asInt()).isZero();
        assertThat(j.get("findings")).hasSize(1);
        assertThat(j.get("findings").get(0).get("code").asText()).isEqualTo("Q000");
        assertThat(j.get("findings").get(0).get("message").asText()).startsWith("parse error: ");
        assertThat(r.ok()).isFalse();
        assertThat(r.render()).contains("error[Q000]").contains("q.gq:1:");
    }

    @Test
    void typeErrorsAreResultErrorsAndOperationsAreDescribed() {
        LintReport r = lint(TestResources.fixture("search.pg"), TestResources.fixture("search.gq")
                + "\nquery bad() { match { $d: Doc  $d.slug > 3 } return { $d.slug } }"
                + "\nquery ignored($q: Vector(4)) { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $q), $d.slug } limit 3 }");
        JsonNode j = r.toJson();
        assertThat(j.get("status").asText()).isEqualTo("error");
        assertThat(j.get("errors").asInt()).isEqualTo(1);
        JsonNode bad = j.get("results").get(8);
        assertThat(bad.get("status").asText()).isEqualTo("error");
        assertThat(bad.get("error").asText()).startsWith("type error: T7: ");
        assertThat(bad.get("error_code").asText()).isEqualTo("T7");
        assertThat(bad.has("operation")).isFalse();
        assertThat(j.get("results").get(9).get("warnings").get(0).asText()).isEqualTo(QueryLint.IGNORED_ORDER);
        JsonNode op = j.get("results").get(3).get("operation");
        assertThat(op.get("result").toString()).isEqualTo("[{\"name\":\"d.slug\",\"kind\":\"string\",\"nullable\":false},"
                + "{\"name\":\"d.title\",\"kind\":\"string\",\"nullable\":false}]");
        assertThat(r.render()).contains("error   bad (read)").contains("type error: T7");
    }

    @Test
    void findingsAreSortedAndKeysAndEmbedTargetsExcluded() {
        LintReport r = lint("node B { k: String @key  z: String?  a: String?  e: Vector(2)? @embed(a) }  node A { k: String @key  m: I32? }",
                "query u($k: String) { update B set { z: \"x\" } where k = $k  update A set { m: 1 } where k = $k }");
        assertThat(r.findings()).extracting(f -> f.typeName().orElseThrow() + "." + f.property().orElseThrow()).containsExactly("B.a");
    }
}
