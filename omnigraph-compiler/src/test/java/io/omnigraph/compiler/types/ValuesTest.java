package io.omnigraph.compiler.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {
    static final ObjectMapper M = new ObjectMapper();
    static final ValueTarget AGE = ValueTarget.property("Person", "age");

    static JsonNode j(String json) {
        try {
            return M.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void fails(String json, PropType t, ValueTarget target, ValueErrorCode code, String message) {
        assertThatThrownBy(() -> Values.fromJson(j(json), t, target))
                .isInstanceOfSatisfying(ValueException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void strictLoadMessagesMatchTheSpec() {
        PropType i32 = PropType.of(ScalarKind.I32).asNullable();
        fails("\"30\"", i32, AGE, ValueErrorCode.TYPE_MISMATCH, "strict property 'age' expects Int32, got \"30\"");
        fails("30.0", i32, AGE, ValueErrorCode.TYPE_MISMATCH, "strict property 'age' expects Int32, got 30.0");
        fails("3000000000", i32, AGE, ValueErrorCode.OUT_OF_RANGE, "property 'age' value 3000000000 exceeds Int32 range");
        fails("null", PropType.of(ScalarKind.I32), AGE, ValueErrorCode.NULL_NOT_ALLOWED,
                "non-nullable property 'age' has null or invalid values");
        ValueTarget emb = ValueTarget.property("Doc", "embedding");
        fails("[0.1,null,0.3]", PropType.vector(3), emb, ValueErrorCode.NON_NUMERIC_ELEMENT,
                "vector property 'embedding' elements must be numeric");
        fails("[0.1,0.2]", PropType.vector(3), emb, ValueErrorCode.VECTOR_DIMENSION,
                "vector property 'embedding' expects 3 dimensions, got 2");
        fails("\"superadmin\"", PropType.enumOf(List.of("admin", "guest", "member")), ValueTarget.property("Person", "role"),
                ValueErrorCode.INVALID_ENUM, "invalid enum value 'superadmin' for Person.role (expected: admin, guest, member)");
        fails("[\"a\",null]", PropType.listOf(ScalarKind.STRING), ValueTarget.property("T", "tags"), ValueErrorCode.NULL_LIST_ITEM,
                "list property 'tags' items may not be null");
        fails("-1", PropType.of(ScalarKind.U32), AGE, ValueErrorCode.OUT_OF_RANGE, "property 'age' value -1 exceeds UInt32 range");
        fails("1e300", PropType.of(ScalarKind.F32), AGE, ValueErrorCode.OUT_OF_RANGE, "property 'age' value 1.0E300 exceeds Float32 range");
        fails("\"2024-13-01\"", PropType.of(ScalarKind.DATE), ValueTarget.property("T", "d"), ValueErrorCode.INVALID_TEMPORAL,
                "strict property 'd' expects Date32 (a YYYY-MM-DD date), got \"2024-13-01\"");
        fails("\"hello\"", PropType.of(ScalarKind.BLOB), ValueTarget.property("T", "b"), ValueErrorCode.INVALID_BLOB,
                "property 'b' expects 'base64:<data>' or a URI such as s3://bucket/key, got \"hello\"");
        fails("1", PropType.of(ScalarKind.STRING), ValueTarget.property("T", "s"), ValueErrorCode.TYPE_MISMATCH,
                "strict property 's' expects Utf8, got 1");
    }

    @Test
    void strictLoadAcceptsExactValues() {
        assertThat(Values.fromJson(j("30"), PropType.of(ScalarKind.I32), AGE)).isEqualTo(Value.integer(30));
        assertThat(Values.fromJson(j("3"), PropType.of(ScalarKind.F64), AGE)).isEqualTo(Value.real(3.0));
        assertThat(Values.fromJson(j("null"), PropType.of(ScalarKind.I32).asNullable(), AGE)).isEqualTo(Value.NULL);
        assertThat(Values.fromJson(null, PropType.of(ScalarKind.I32).asNullable(), AGE)).isEqualTo(Value.NULL);
        assertThat(Values.fromJson(j("\"2024-01-01\""), PropType.of(ScalarKind.DATE), AGE)).isEqualTo(new Value.Date(19723));
        assertThat(Values.fromJson(j("19723"), PropType.of(ScalarKind.DATE), AGE)).isEqualTo(new Value.Date(19723));
        assertThat(Values.fromJson(j("\"2024-06-01T12:00:00Z\""), PropType.of(ScalarKind.DATETIME), AGE))
                .isEqualTo(new Value.DateTime(1717243200000L));
        assertThat(Values.fromJson(j("[0.1,0.2,0.3]"), PropType.vector(3), AGE))
                .isEqualTo(new Value.Vector(new float[]{0.1f, 0.2f, 0.3f}));
        assertThat(Values.fromJson(j("[\"2026-03-30\"]"), PropType.listOf(ScalarKind.DATE), AGE))
                .isEqualTo(new Value.Array(List.of(new Value.Date(Dates.parseDate("2026-03-30").orElseThrow()))));
        assertThat(Values.fromJson(j("\"base64:aGk=\""), PropType.of(ScalarKind.BLOB), AGE))
                .isEqualTo(new Value.BlobBytes("hi".getBytes()));
        assertThat(Values.fromJson(j("\"s3://b/k\""), PropType.of(ScalarKind.BLOB), AGE)).isEqualTo(new Value.BlobUri("s3://b/k"));
        assertThat(Values.fromJson(j("9223372036854775807"), PropType.of(ScalarKind.U64), AGE)).isEqualTo(Value.integer(Long.MAX_VALUE));
    }

    @Test
    void paramsAcceptDecimalIntegerStrings() {
        ValueTarget p = ValueTarget.param("age");
        assertThat(Values.fromJson(j("\"42\""), PropType.of(ScalarKind.I64), p)).isEqualTo(Value.integer(42));
        assertThatThrownBy(() -> Values.fromJson(j("\"4x\""), PropType.of(ScalarKind.I64), p))
                .hasMessage("param 'age': expected I64, got \"4x\"");
        assertThatThrownBy(() -> Values.fromJson(j("null"), PropType.of(ScalarKind.I64), p))
                .hasMessage("param 'age': expected I64, got null");
        assertThatThrownBy(() -> Values.fromJson(j("[1,2]"), PropType.vector(3), ValueTarget.param("q")))
                .hasMessage("param 'q': expected Vector(3) with 3 dimensions, got 2");
        assertThatThrownBy(() -> Values.fromJson(j("99999999999999999999"), PropType.of(ScalarKind.U64), p))
                .hasMessage("param 'age': value 99999999999999999999 exceeds UInt64 range");
    }

    @Test
    void coercionWidensIntsAndChecksRanges() {
        ValueTarget t = ValueTarget.property("M", "score");
        assertThat(Values.coerce(Value.integer(3), PropType.of(ScalarKind.F64), t)).isEqualTo(Value.real(3.0));
        assertThat(Values.coerce(Value.integer(3), PropType.of(ScalarKind.I32), t)).isEqualTo(Value.integer(3));
        assertThatThrownBy(() -> Values.coerce(Value.real(2.5), PropType.of(ScalarKind.I32), t))
                .hasMessage("property 'score' expects I32, got 2.5");
        assertThatThrownBy(() -> Values.coerce(Value.integer(1L << 40), PropType.of(ScalarKind.I32), t))
                .hasMessage("property 'score' value 1099511627776 exceeds Int32 range");
        assertThat(Values.coerce(new Value.Array(List.of(Value.integer(1), Value.real(0.5))), PropType.vector(2), t))
                .isEqualTo(new Value.Vector(new float[]{1f, 0.5f}));
        assertThatThrownBy(() -> Values.coerce(Value.NULL, PropType.of(ScalarKind.I32), t))
                .hasMessage("non-nullable property 'score' has null or invalid values");
    }

    @Test
    void outputJsonFollowsSection4() {
        assertThat(Values.toJson(Value.real((float) 0.1), PropType.of(ScalarKind.F32), Values.NumberStyle.NATIVE).toString())
                .isEqualTo("0.10000000149011612");
        assertThat(Values.toJson(Value.real(Double.NaN), PropType.of(ScalarKind.F64), Values.NumberStyle.NATIVE).toString())
                .isEqualTo("\"NaN\"");
        assertThat(Values.toJson(Value.real(Double.NEGATIVE_INFINITY), PropType.of(ScalarKind.F64), Values.NumberStyle.NATIVE).toString())
                .isEqualTo("\"-Infinity\"");
        assertThat(Values.toJson(new Value.DateTime(1775032200000L), PropType.of(ScalarKind.DATETIME), Values.NumberStyle.NATIVE).toString())
                .isEqualTo("\"2026-04-01T08:30:00.000Z\"");
        assertThat(Values.toJson(new Value.Date(19723), PropType.of(ScalarKind.DATE), Values.NumberStyle.NATIVE).toString())
                .isEqualTo("\"2024-01-01\"");
        long big = 1L << 60;
        assertThat(Values.toJson(Value.integer(big), PropType.of(ScalarKind.I64), Values.NumberStyle.JS_SAFE).toString())
                .isEqualTo("\"" + big + "\"");
        assertThat(Values.toJson(Value.integer(big), PropType.of(ScalarKind.I64), Values.NumberStyle.NATIVE).toString())
                .isEqualTo(Long.toString(big));
        assertThat(Values.toJson(new Value.Vector(new float[]{0.5f, Float.NaN}), PropType.vector(2), Values.NumberStyle.NATIVE).toString())
                .isEqualTo("[0.5,null]");
        assertThat(Values.toJson(new Value.Array(List.of(Value.integer(1), Value.integer(2))), PropType.listOf(ScalarKind.I32),
                Values.NumberStyle.NATIVE).toString()).isEqualTo("[1,2]");
        assertThat(Values.toJson(Value.NULL, PropType.of(ScalarKind.I32), Values.NumberStyle.NATIVE).isNull()).isTrue();
    }
}
