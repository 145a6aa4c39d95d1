package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaIRJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/test.pg", "fixtures/context.pg", "fixtures/search.pg", "fixtures/signals.pg", "schemas/rich.pg"})
    void irJsonRoundTripsExactly(String path) {
        SchemaIR ir = SchemaCompiler.compile(TestResources.text(path), path).ir();
        String json = ir.toJson();
        SchemaIR back = SchemaIR.fromJson(json);
        assertThat(back).isEqualTo(ir);
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(SchemaIR.fromJson(ir.toPrettyJson())).isEqualTo(ir);
        assertThat(back.digest()).isEqualTo(ir.digest()).hasSize(64);
    }

    @Test
    void canonicalJsonIsStableAcrossCompilations() {
        String a = SchemaCompiler.compile(TestResources.text("schemas/rich.pg"), "a.pg").ir().toJson();
        String b = SchemaCompiler.compile(TestResources.text("schemas/rich.pg"), "b.pg").ir().toJson();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void f1IrGolden() {
        SchemaIR ir = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").ir();
        assertThat(ir.toJson()).isEqualTo(TestResources.text("golden/test.pg.ir.json").strip());
    }

    @Test
    void rangeBoundsAndVectorTypesSerializeAsSpecified() {
        String json = SchemaCompiler.compile("node P { v: Vector(4)  a: F64  s: enum(b, a)  @range(a, -1.50..2) }", "p.pg").ir().toJson();
        assertThat(json).contains("\"scalar\":{\"Vector\":4}");
        assertThat(json).contains("{\"Range\":{\"property\":\"a\",\"min\":-1.5,\"max\":2}}");
        assertThat(json).contains("\"scalar\":\"String\",\"nullable\":false,\"list\":false,\"enum_values\":[\"a\",\"b\"]");
    }

    @Test
    void malformedIrIsAnInvalidIrDiagnostic() {
        String good = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").ir().toJson();
        for (String bad : new String[]{"{", "[]", good.replace("\"ir_version\":1", "\"ir_version\":9"),
                good.replace("\"from\":\"Person\"", "\"from\":\"Ghost\""),
                good.replace("\"type_id\":1,", "\"type_id\":2,"),
                good.replace("\"next_identity_id\":13", "\"next_identity_id\":5"),
                good.replace("\"name\":\"Company\"", "\"name\":\"Company\",\"extra\":1"),
                good.replace("{\"Key\":[\"name\"]}", "{\"Key\":[\"nope\"]}")}) {
            assertThatThrownBy(() -> CompiledSchema.of("x.pg", "", SchemaIR.fromJson(bad)), bad)
                    .isInstanceOfSatisfying(CompileException.class, e -> {
                        assertThat(e.code()).isEqualTo(CompilerErrorCode.INVALID_IR);
                        assertThat(e.getMessage()).startsWith("catalog error: ");
                    });
        }
    }
}
