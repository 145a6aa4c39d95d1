package io.omnigraph.server.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request decoding: strict about types, lenient about unknown fields (except ExportRequest), aliases honoured. */
class WireJsonDecodingTest {
    private static <T> T read(String json, Class<T> type) {
        return WireJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void queryRequestWithEverything() {
        QueryRequest q = read("{\"query\":\"query q() {}\",\"name\":\"q\",\"params\":{\"a\":1},\"branch\":\"b\"}", QueryRequest.class);
        assertThat(q.query()).isEqualTo("query q() {}");
        assertThat(q.name()).contains("q");
        assertThat(q.params().orElseThrow().get("a").asInt()).isEqualTo(1);
        assertThat(q.branch()).contains("b");
        assertThat(q.snapshot()).isEmpty();
    }

    @Test
    void nullAndAbsentOptionalsAreTheSame() {
        QueryRequest q = read("{\"query\":\"x\",\"name\":null,\"params\":null,\"branch\":null}", QueryRequest.class);
        assertThat(q.name()).isEmpty();
        assertThat(q.params()).isEmpty();
        assertThat(q.branch()).isEmpty();
        assertThat(read("{\"query\":\"x\"}", QueryRequest.class).params()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnoredWhereTheReferenceServerIgnoresThem() {
        assertThat(read("{\"query\":\"x\",\"actor\":\"root\",\"extra\":[1]}", QueryRequest.class).query()).isEqualTo("x");
        assertThat(read("{\"data\":\"\",\"actor_id\":\"root\"}", IngestRequest.class).data()).isEmpty();
    }

    @Test
    void exportRequestIsStrict() {
        assertThat(read("{}", ExportRequest.class).typeNames()).isEmpty();
        assertThat(read("{\"type_names\":[\"Person\"],\"branch\":\"b\"}", ExportRequest.class).typeNames()).containsExactly("Person");
        assertThatThrownBy(() -> read("{\"types\":[\"Person\"]}", ExportRequest.class))
                .isInstanceOf(WireDecodingException.class)
                .hasMessageContaining("unknown field 'types'").hasMessageContaining("branch, type_names");
    }

    @Test
    void changeRequestAcceptsTheLegacyAliases() {
        ChangeRequest legacy = read("{\"query_source\":\"insert X {}\",\"query_name\":\"m\"}", ChangeRequest.class);
        assertThat(legacy.query()).isEqualTo("insert X {}");
        assertThat(legacy.name()).contains("m");
        ChangeRequest current = read("{\"query\":\"insert X {}\",\"name\":\"m\",\"branch\":\"b\"}", ChangeRequest.class);
        assertThat(current.query()).isEqualTo("insert X {}");
        assertThat(current.branch()).contains("b");
        assertThatThrownBy(() -> read("{\"query\":\"a\",\"query_source\":\"b\"}", ChangeRequest.class))
                .hasMessageContaining("duplicate field 'query'");
        assertThatThrownBy(() -> read("{\"query\":\"a\",\"name\":\"x\",\"query_name\":\"y\"}", ChangeRequest.class))
                .hasMessageContaining("duplicate field 'name'");
        assertThatThrownBy(() -> read("{\"name\":\"x\"}", ChangeRequest.class)).hasMessageContaining("missing field 'query'");
    }

    @Test
    void defaultsOfBooleans() {
        assertThat(read("{\"source\":\"f\"}", BranchMergeRequest.class).deleteBranch()).isFalse();
        assertThat(read("{\"source\":\"f\",\"delete_branch\":true}", BranchMergeRequest.class).deleteBranch()).isTrue();
        assertThat(read("{\"source\":\"f\",\"delete_branch\":null}", BranchMergeRequest.class).deleteBranch()).isFalse();
        assertThat(read("{\"schema_source\":\"s\",\"allow_data_loss\":true}", SchemaApplyRequest.class).allowDataLoss()).isTrue();
        assertThat(read("{\"schema_source\":\"s\"}", SchemaApplyRequest.class).allowDataLoss()).isFalse();
        assertThat(read("{\"expect_mutation\":false}", InvokeStoredQueryRequest.class).expectMutation()).contains(false);
    }

    @Test
    void enumsAndListsInRequests() {
        ChangeBaselineRequest b = read("{\"kind\":[\"node\"],\"op\":[\"insert\",\"delete\"],\"type\":[\"Person\"]}", ChangeBaselineRequest.class);
        assertThat(b.kind()).containsExactly(EntityKind.NODE);
        assertThat(b.op()).containsExactly(ChangeOp.INSERT, ChangeOp.DELETE);
        assertThat(read("{\"data\":\"\",\"mode\":\"overwrite\"}", IngestRequest.class).mode()).contains(LoadMode.OVERWRITE);
        assertThat(read("{\"data\":\"\",\"mode\":null}", IngestRequest.class).mode()).isEmpty();
    }

    /** The bad-input corpus: every entry is rejected with a message naming the problem, never a Java type. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "QueryRequest   | {                              | malformed JSON",
            "QueryRequest   | {\"query\":\"x\",}             | malformed JSON",
            "QueryRequest   | {\"query\":\"x\"} trailing     | malformed JSON",
            "QueryRequest   | {\"query\":\"x\"}{}            | malformed JSON",
            "QueryRequest   | []                             | expected a JSON object as the request body",
            "QueryRequest   | \"query\"                      | expected a JSON object as the request body",
            "QueryRequest   | 42                             | expected a JSON object as the request body",
            "QueryRequest   | null                           | expected a JSON object",
            "QueryRequest   | {}                             | missing field 'query'",
            "QueryRequest   | {\"query\":null}               | missing field 'query'",
            "QueryRequest   | {\"query\":5}                  | field 'query' must be a string",
            "QueryRequest   | {\"query\":true}               | field 'query' must be a string",
            "QueryRequest   | {\"query\":[\"x\"]}            | field 'query' must be a string",
            "QueryRequest   | {\"query\":{}}                 | field 'query' must be a string",
            "QueryRequest   | {\"query\":\"x\",\"branch\":1} | field 'branch' must be a string",
            "QueryRequest   | {\"query\":\"x\",\"query\":\"y\"} | duplicate field 'query'",
            "QueryRequest   | {\"query\":\"x\" /* c */}      | malformed JSON",
            "QueryRequest   | {'query':'x'}                  | malformed JSON",
            "BranchMergeRequest | {\"source\":\"a\",\"delete_branch\":\"true\"} | field 'delete_branch' must be a boolean",
            "BranchMergeRequest | {\"source\":\"a\",\"delete_branch\":1}      | field 'delete_branch' must be a boolean",
            "IngestRequest  | {\"data\":\"\",\"mode\":\"upsert\"} | field 'mode': unknown value 'upsert' (expected one of: overwrite, append, merge)",
            "IngestRequest  | {\"data\":\"\",\"mode\":1}     | field 'mode': unknown value '1'",
            "IngestRequest  | {\"data\":{\"type\":\"P\"}}     | field 'data' must be a string",
            "ChangeBaselineRequest | {\"kind\":\"node\"}       | field 'kind' must be an array",
            "ChangeBaselineRequest | {\"kind\":[\"vertex\"]}   | field 'kind[0]': unknown value 'vertex'",
            "ChangeBaselineRequest | {\"kind\":[null]}         | must not contain null",
            "ExportRequest  | {\"type_names\":[1]}           | field 'type_names[0]' must be a string",
            "InvokeStoredQueryRequest | {\"expect_mutation\":\"yes\"} | field 'expect_mutation' must be a boolean",
    })
    void badInputIsRejectedWithAClearMessage(String type, String json, String expected) throws Exception {
        Class<?> cls = Class.forName("io.omnigraph.server.api." + type.trim());
        assertThatThrownBy(() -> read(json.trim(), cls))
                .isInstanceOf(WireDecodingException.class)
                .hasMessageContaining(expected.trim())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java.").doesNotContain("io.omnigraph")
                        .doesNotContain("Exception"));
    }

    @Test
    void paramsMayBeAnyJsonValueAndTravelUnchanged() {
        QueryRequest q = read("{\"query\":\"x\",\"params\":{\"big\":12345678901234567890,\"v\":[0.5,1e3],\"s\":\"é\"}}", QueryRequest.class);
        assertThat(q.params().orElseThrow().get("big").bigIntegerValue().toString()).isEqualTo("12345678901234567890");
        assertThat(q.params().orElseThrow().get("s").asText()).isEqualTo("é");
        assertThat(List.of(q.params().orElseThrow().get("v").get(1).asDouble())).containsExactly(1000.0);
        assertThat(Optional.of(q).map(QueryRequest::snapshot).orElseThrow()).isEmpty();
    }
}
