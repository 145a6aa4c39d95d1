package io.omnigraph.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.omnigraph.server.api.ParamDescriptor;
import io.omnigraph.server.api.ParamKind;
import io.omnigraph.server.api.QueryCatalogEntry;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored-query input schemas, checked with the JSON Schema validator the MCP SDK uses on tool calls. */
class SchemasTest {
    private static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator(new ObjectMapper());

    private static ParamDescriptor p(String name, ParamKind kind, boolean nullable) {
        return new ParamDescriptor(name, kind, Optional.empty(), Optional.empty(), nullable);
    }

    private static final QueryCatalogEntry ALL = new QueryCatalogEntry("all", "all", Optional.of("Every kind."),
            Optional.of("Use sparingly."), false, List.of(
            p("s", ParamKind.STRING, false), p("b", ParamKind.BOOL, false), p("i", ParamKind.INT, false),
            p("big", ParamKind.BIGINT, true), p("f", ParamKind.FLOAT, false), p("d", ParamKind.DATE, true),
            p("ts", ParamKind.DATETIME, true),
            new ParamDescriptor("v", ParamKind.VECTOR, Optional.empty(), Optional.of(3), true),
            new ParamDescriptor("tags", ParamKind.LIST, Optional.of(ParamKind.STRING), Optional.empty(), true)));

    private static boolean valid(QueryCatalogEntry q, Map<String, Object> args) {
        return VALIDATOR.validate(Schemas.storedQuery(q).build(), args).valid();
    }

    private static Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        m.put("s", "x");
        m.put("b", true);
        m.put("i", 3);
        m.put("f", 1.5);
        return m;
    }

    @Test
    void requiredNullableAndControlArguments() {
        Map<String, Object> schema = Schemas.storedQuery(ALL).build();
        assertThat(schema.get("required")).isEqualTo(List.of("s", "b", "i", "f"));
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        assertThat(props).containsKeys("branch", "snapshot");
        assertThat(((Map<?, ?>) props.get("big")).get("type")).isEqualTo(List.of("integer", "string", "null"));
        assertThat(((Map<?, ?>) props.get("v")).get("maxItems")).isEqualTo(3);
        assertThat(((Map<?, ?>) props.get("tags")).get("items")).isEqualTo(Map.of("type", "string"));
        assertThat(StoredQueryTools.description(ALL)).startsWith("Every kind.\n\nUse sparingly.").contains("read");
    }

    @Test
    void validatorAcceptsWhatTheBinderAcceptsAndRejectsTheRest() {
        assertThat(valid(ALL, base())).isTrue();
        Map<String, Object> full = base();
        full.put("big", "9007199254740993");
        full.put("d", "2024-01-31");
        full.put("v", List.of(1, 2, 3));
        full.put("tags", List.of("a", "b"));
        full.put("branch", "feature");
        assertThat(valid(ALL, full)).isTrue();
        Map<String, Object> nulls = base();
        nulls.put("big", null);
        nulls.put("v", null);
        assertThat(valid(ALL, nulls)).isTrue();

        Map<String, Object> missing = base();
        missing.remove("s");
        assertThat(valid(ALL, missing)).isFalse();
        Map<String, Object> wrong = base();
        wrong.put("i", "three");
        assertThat(valid(ALL, wrong)).isFalse();
        Map<String, Object> shortVector = base();
        shortVector.put("v", List.of(1, 2));
        assertThat(valid(ALL, shortVector)).isFalse();
        Map<String, Object> notDecimal = base();
        notDecimal.put("big", "12abc");
        assertThat(valid(ALL, notDecimal)).isFalse();
        Map<String, Object> extra = base();
        extra.put("nope", 1);
        assertThat(valid(ALL, extra)).isFalse();
    }

    @Test
    void aParameterNamedBranchWinsOverTheControlArgument() {
        QueryCatalogEntry q = new QueryCatalogEntry("by_branch", "by_branch", Optional.empty(), Optional.empty(), true,
                List.of(p("branch", ParamKind.INT, false)));
        Map<String, Object> schema = Schemas.storedQuery(q).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        assertThat(((Map<?, ?>) props.get("branch")).get("type")).isEqualTo("integer");
        assertThat(props).doesNotContainKey("snapshot"); // mutations never take a snapshot
    }

    @Test
    void storedQueriesNamedLikeBuiltInsAreRenamed() {
        assertThat(StoredQueryTools.toolName("read")).isEqualTo("read_query");
        assertThat(StoredQueryTools.toolName("graphs_list")).isEqualTo("graphs_list_query");
        assertThat(StoredQueryTools.toolName("find_person")).isEqualTo("find_person");
    }
}
