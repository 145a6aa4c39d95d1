package io.omnigraph.compiler.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.compiler.query.ir.ParamSpec;
import io.omnigraph.compiler.types.Dates;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsTest {
    static final ObjectMapper M = new ObjectMapper();

    @Test
    void ac14ParamsConvertByDeclaredType() throws Exception {
        QueryFile f = QueryCompiler.parse("query due($deadline: DateTime, $tag: String, $n: I32?, $v: Vector(2)?) "
                + "{ match { $t: Task } return { $t } }", "q.gq");
        List<ParamSpec> params = QueryCompiler.signature(f, f.queries().get(0)).params();
        Map<String, Value> v = Params.convert(params, M.readTree("{\"deadline\":\"2026-04-02T00:00:00Z\",\"tag\":\"launch\",\"extra\":1}"));
        assertThat(v).containsEntry("deadline", new Value.DateTime(Dates.parseDateTime("2026-04-02T00:00:00Z").orElseThrow()))
                .containsEntry("tag", Value.text("launch")).containsEntry("n", Value.NULL).containsEntry("v", Value.NULL)
                .doesNotContainKey("extra");
        assertThatThrownBy(() -> Params.convert(params, M.readTree("{\"tag\":\"x\"}"))).hasMessage("parameter 'deadline' not provided");
        assertThatThrownBy(() -> Params.convert(params, M.readTree("{\"deadline\":\"2026-04-02T00:00:00Z\",\"tag\":3}")))
                .hasMessage("param 'tag': expected String, got 3");
        assertThatThrownBy(() -> Params.convert(params, M.readTree("[]"))).hasMessageContaining("must be a JSON object");
        assertThat(Params.convert(List.of(), null)).isEmpty();
    }

    @Test
    void jsonSchemasForMcpTools() {
        assertThat(new ParamSpec("q", PropType.vector(4)).descriptor().toJsonSchema().toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"number\"},\"minItems\":4,\"maxItems\":4}");
        assertThat(new ParamSpec("d", PropType.of(ScalarKind.DATETIME).asNullable()).descriptor().toJsonSchema().toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}");
        assertThat(new ParamSpec("t", PropType.listOf(ScalarKind.I64)).descriptor().toJsonSchema().toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}");
        assertThat(new ParamSpec("b", PropType.of(ScalarKind.BOOL)).descriptor().toJsonSchema().toString())
                .isEqualTo("{\"type\":\"boolean\"}");
    }
}
