package io.omnigraph.engine.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ListType;
import io.omnigraph.engine.table.PhysicalType;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.table.VectorType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatObjectsTest {

    @Test
    void ulidsAreMonotonicWithinAMillisecondAndCarryTheirTime() {
        long[] now = {1_763_000_000_000_000L};
        UlidGenerator gen = new UlidGenerator(() -> now[0], Entropy.seeded(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(gen.next());
        }
        now[0] += 5_000;
        ids.add(gen.next());
        now[0] -= 60_000_000; // clock goes back a minute: still increasing
        ids.add(gen.next());
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
            assertThat(Ulid.isValid(ids.get(i))).isTrue();
        }
        assertThat(Ulid.timestampMillis(ids.get(0))).isEqualTo(1_763_000_000_000L);
        assertThat(Ulid.timestampMillis(ids.get(1000))).isEqualTo(1_763_000_000_005L);
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(Ulid.isValid("nope")).isFalse();
        assertThat(Ulid.isValid("01jaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
        // same seed + same clock → same ids (deterministic simulation)
        UlidGenerator a = new UlidGenerator(() -> 42_000, Entropy.seeded(9));
        UlidGenerator b = new UlidGenerator(() -> 42_000, Entropy.seeded(9));
        assertThat(a.next()).isEqualTo(b.next());
    }

    @Test
    void schemaObjectsAreContentAddressedAndRoundTrip() {
        ObjectNode ir = JsonNodeFactory.instance.objectNode();
        ir.put("zeta", 1);
        ir.put("alpha", 2);
        TableSchema t = TableSchema.node("n1", "Doc", List.of(
                ColumnSpec.of("embedding", 3, new VectorType(384), true),
                ColumnSpec.of("tags", 4, new ListType(ScalarType.STRING), true)));
        SchemaObject s = SchemaObject.create("node Doc {}", ir, List.of(t));
        assertThat(s.digest()).startsWith("sha256:").hasSize(71);
        byte[] bytes = Json.encode(s);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"type\":\"vector(384)\"").contains("\"type\":\"list<string>\"")
                .contains("{\"alpha\":2,\"zeta\":1}").doesNotContain("\"system\"");
        SchemaObject back = Json.decode("k", bytes, SchemaObject.class);
        assertThat(back).isEqualTo(s);
        assertThat(back.digestMatches()).isTrue();
        assertThat(Json.encode(back)).isEqualTo(bytes);
        ObjectNode reordered = JsonNodeFactory.instance.objectNode();
        reordered.put("alpha", 2);
        reordered.put("zeta", 1);
        assertThat(SchemaObject.create("node Doc {}", reordered, List.of(t)).digest()).isEqualTo(s.digest());
        assertThat(SchemaObject.create("node Doc { }", ir, List.of(t)).digest()).isNotEqualTo(s.digest());
        String tampered = text.replace("node Doc {}", "node Evil {}");
        assertThat(Json.decode("k", tampered.getBytes(StandardCharsets.UTF_8), SchemaObject.class).digestMatches()).isFalse();
    }

    @Test
    void physicalTypesParseAndPrint() {
        for (String s : new String[]{"string", "bool", "i32", "i64", "u32", "u64", "f32", "f64", "date", "datetime", "blob",
                "vector(3)", "list<i64>", "list<string>"}) {
            assertThat(PhysicalType.parse(s).text()).isEqualTo(s);
        }
        assertThatThrownBy(() -> PhysicalType.parse("list<blob>")).hasMessageContaining("blobs");
        assertThatThrownBy(() -> PhysicalType.parse("decimal")).hasMessageContaining("unknown physical type 'decimal'");
        assertThatThrownBy(() -> PhysicalType.parse("vector(0)")).hasMessageContaining("dimension");
    }

    @Test
    void tableSchemasEnforceSystemColumnsAndUniqueness() {
        assertThatThrownBy(() -> new TableSchema("e", "E", io.omnigraph.engine.table.TableKind.EDGE, List.of(ColumnSpec.id())))
                .hasMessageContaining("id, src, dst");
        assertThatThrownBy(() -> TableSchema.node("n", "N", List.of(ColumnSpec.of("a", 1, ScalarType.I32, true),
                ColumnSpec.of("b", 1, ScalarType.I32, true)))).hasMessageContaining("duplicate field id 1");
        assertThatThrownBy(() -> TableSchema.node("bad/key", "N", List.of())).hasMessageContaining("invalid table key");
        assertThatThrownBy(() -> ColumnSpec.of("x", 0, ScalarType.I32, true)).hasMessageContaining("field id 0");
    }

    @Test
    void malformedObjectsAreTypedCorruptErrors() {
        assertThatThrownBy(() -> Json.decode("commits/X.json", "{not json".getBytes(StandardCharsets.UTF_8), Commit.class))
                .isInstanceOf(EngineException.Corrupt.class).hasMessageContaining("commits/X.json");
        assertThatThrownBy(() -> Json.decode("refs/branches/main.json", "{\"format_version\":1}".getBytes(StandardCharsets.UTF_8), BranchRef.class))
                .isInstanceOf(EngineException.Corrupt.class);
        Set<String> keys = Set.of(Layout.ref("review/2026-07"), Layout.commit("01J"), Layout.segment("t", "01J"));
        assertThat(keys).contains("refs/branches/review/2026-07.json", "commits/01J.json", "segments/t/01J.parquet");
        assertThat(Layout.branchOfRefKey("refs/branches/review/2026-07.json")).contains("review/2026-07");
    }
}
