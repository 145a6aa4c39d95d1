package io.omnigraph.compiler.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generative tests with Jazzer. In the default build they run in regression mode over the seed inputs in
 * {@code src/test/resources/io/omnigraph/compiler/fuzz/CompilerFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * they fuzz. Every input must produce a result or a diagnostic, never another exception.
 */
class CompilerFuzzTest {
    static final CompiledSchema RICH = SchemaCompiler.compile(TestResources.text("schemas/rich.pg"), "rich.pg");
    static final Catalog F1 = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").catalog();
    static final Catalog SEARCH = SchemaCompiler.compile(TestResources.fixture("search.pg"), "search.pg").catalog();
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<PropType> TYPES = List.of(PropType.of(ScalarKind.STRING), PropType.of(ScalarKind.BOOL),
            PropType.of(ScalarKind.I32), PropType.of(ScalarKind.I64), PropType.of(ScalarKind.U32), PropType.of(ScalarKind.U64),
            PropType.of(ScalarKind.F32), PropType.of(ScalarKind.F64), PropType.of(ScalarKind.DATE),
            PropType.of(ScalarKind.DATETIME), PropType.of(ScalarKind.BLOB), PropType.vector(3), PropType.listOf(ScalarKind.I32),
            PropType.listOf(ScalarKind.DATE), PropType.enumOf(List.of("a", "b")), PropType.of(ScalarKind.STRING).asNullable());

    @FuzzTest(maxDuration = "60s")
    void schemaText(byte[] data) {
        FuzzInvariants.schema(new String(data, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "60s")
    void schemaEvolution(byte[] data) {
        FuzzInvariants.evolve(RICH, new String(data, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "60s")
    void queryText(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        FuzzInvariants.queries(F1, text);
        FuzzInvariants.queries(SEARCH, text);
        FuzzInvariants.queries(RICH.catalog(), text);
    }

    @FuzzTest(maxDuration = "60s")
    void jsonValues(FuzzedDataProvider data) {
        PropType type = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
        String json = data.consumeRemainingAsString();
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return;
        }
        for (ValueTarget target : List.of(ValueTarget.property("T", "p"), ValueTarget.param("p"))) {
            Value v;
            try {
                v = Values.fromJson(node, type, target);
            } catch (ValueException e) {
                if (e.getMessage() == null || e.getMessage().isEmpty()) {
                    throw new AssertionError("value error without message");
                }
                continue;
            }
            JsonNode out = Values.toJson(v, type, Values.NumberStyle.NATIVE);
            Value back = Values.fromJson(out, type, target);
            if (!back.equals(v)) {
                throw new AssertionError("value does not round-trip: " + json + " -> " + out + " as " + type);
            }
        }
    }
}
