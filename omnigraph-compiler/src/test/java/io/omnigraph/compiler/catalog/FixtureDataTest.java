package io.omnigraph.compiler.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shared {@code .jsonl} fixture converts strictly against its schema, every keyed node gets a canonical id,
 * and every edge endpoint names one of those ids (the property of §1.6 that edges rely on).
 */
class FixtureDataTest {
    static final ObjectMapper M = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"test", "search", "signals", "context"})
    void dataConvertsAndEdgesResolveToCanonicalIds(String name) throws Exception {
        Catalog c = SchemaCompiler.compile(TestResources.fixture(name + ".pg"), name + ".pg").catalog();
        Map<String, Set<String>> ids = new HashMap<>();
        int nodes = 0;
        int edges = 0;
        for (String line : TestResources.fixture(name + ".jsonl").lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode rec = M.readTree(line);
            JsonNode data = rec.path("data");
            if (rec.has("type")) {
                NodeType t = c.nodeType(rec.get("type").asText()).orElseThrow();
                Map<String, Value> values = new HashMap<>();
                for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    PropertyDef p = t.property(f).orElseThrow(() -> new AssertionError("unknown field " + f + " in " + line));
                    values.put(f, Values.fromJson(data.get(f), p.type(), ValueTarget.property(t.name(), f)));
                }
                for (PropertyDef p : t.properties()) {
                    if (!values.containsKey(p.name())) {
                        values.put(p.name(), Values.fromJson(null, p.type(), ValueTarget.property(t.name(), p.name())));
                    }
                }
                if (t.isKeyed()) {
                    ids.computeIfAbsent(t.name(), k -> new HashSet<>()).add(NodeIds.canonicalId(t, values));
                }
                nodes++;
            } else {
                EdgeType e = c.edgeTypeIgnoreCase(rec.get("edge").asText()).orElseThrow();
                for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    PropertyDef p = e.property(f).orElseThrow();
                    Values.fromJson(data.get(f), p.type(), ValueTarget.property(e.name(), f));
                }
                assertThat(ids.getOrDefault(e.from(), Set.of())).as(line).contains(rec.get("from").asText());
                assertThat(ids.getOrDefault(e.to(), Set.of())).as(line).contains(rec.get("to").asText());
                edges++;
            }
        }
        assertThat(nodes).isPositive();
        if (!name.equals("search")) {
            assertThat(edges).as("edges in %s.jsonl", name).isPositive();
        }
    }
}
