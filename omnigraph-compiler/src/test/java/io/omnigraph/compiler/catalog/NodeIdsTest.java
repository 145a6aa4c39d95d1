package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.types.Dates;
import io.omnigraph.compiler.types.FloatFormat;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueErrorCode;
import io.omnigraph.compiler.types.ValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeIdsTest {
    static NodeType type(String schema, String name) {
        return SchemaCompiler.compile(schema, "ids.pg").catalog().nodeType(name).orElseThrow();
    }

    @Test
    void singleKeyIsTheRenderedScalar() {
        NodeType person = type("node Person { name: String @key  age: I32? }", "Person");
        assertThat(NodeIds.canonicalId(person, Map.of("name", Value.text("Alice")))).isEqualTo("Alice");
    }

    @Test
    void compositeKeyIsAJsonArrayOrderedByStablePropertyId() {
        // AC15: tenant "acme", slot 7 -> ["7","acme"] (slot's id is lower: names sort slot < tenant)
        NodeType m = type("node Membership { tenant: String  slot: U32  label: String  @key(tenant, slot) }", "Membership");
        assertThat(NodeIds.canonicalId(m, Map.of("tenant", Value.text("acme"), "slot", Value.integer(7))))
                .isEqualTo("[\"7\",\"acme\"]");
    }

    @Test
    void compositeKeyEscapesLikeSerdeJson() {
        NodeType t = type("node T { a: String  b: String  @key(a, b) }", "T");
        assertThat(NodeIds.canonicalId(t, Map.of("a", Value.text("q\"\\\n\u0001é/"), "b", Value.text("x"))))
                .isEqualTo("[\"q\\\"\\\\\\n\\u0001é/\",\"x\"]");
    }

    @Test
    void temporalAndBoolMembersRenderAsIntegers() {
        NodeType t = type("node T { d: Date  dt: DateTime  b: Bool  @key(d, dt, b) }", "T");
        int day = Dates.parseDate("2024-01-01").orElseThrow();
        long ms = Dates.parseDateTime("2024-01-01T00:00:01.5Z").orElseThrow();
        assertThat(NodeIds.canonicalId(t, Map.of("d", new Value.Date(day), "dt", new Value.DateTime(ms), "b", Value.bool(true))))
                .isEqualTo("[\"true\",\"19723\",\"1704067201500\"]");
    }

    @ParameterizedTest
    @CsvSource({"1.0,1", "1.5,1.5", "-0.0,0", "0.0,0", "1e20,100000000000000000000", "1.5e-7,0.00000015",
            "0.1,0.1", "123456789.125,123456789.125"})
    void f64RendersShortestRoundTripWithoutExponent(double v, String expected) {
        assertThat(FloatFormat.display(v)).isEqualTo(expected);
    }

    @Test
    void tinyAndHugeFloatsHaveNoExponent() {
        assertThat(FloatFormat.display(2.5e-300)).isEqualTo("0." + "0".repeat(299) + "25");
        assertThat(FloatFormat.display(-1.7976931348623157e308)).startsWith("-17976931348623157").doesNotContain("E").hasSize(310);
        assertThat(FloatFormat.display(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
        assertThat(FloatFormat.display(1e23)).isEqualTo("100000000000000000000000");
        assertThat(FloatFormat.display(1e-45f)).isEqualTo("0." + "0".repeat(44) + "1");
    }

    @Test
    void f32RendersInItsOwnWidth() {
        NodeType t = type("node T { f: F32 @key }", "T");
        assertThat(NodeIds.canonicalId(t, Map.of("f", Value.real((float) 0.1)))).isEqualTo("0.1");
        NodeType d = type("node T { f: F64 @key }", "T");
        assertThat(NodeIds.canonicalId(d, Map.of("f", Value.real((float) 0.1)))).isEqualTo("0.10000000149011612");
    }

    @Test
    void nullAndNonFiniteMembersAreErrors() {
        NodeType t = type("node T { f: F64 @key }", "T");
        assertThatThrownBy(() -> NodeIds.canonicalId(t, Map.of()))
                .isInstanceOfSatisfying(ValueException.class, e -> assertThat(e.code()).isEqualTo(ValueErrorCode.INVALID_KEY))
                .hasMessageContaining("cannot be null");
        assertThatThrownBy(() -> NodeIds.canonicalId(t, Map.of("f", Value.real(Double.NaN))))
                .isInstanceOf(ValueException.class);
        NodeType keyless = type("node K { n: String }", "K");
        assertThatThrownBy(() -> NodeIds.canonicalId(keyless, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
