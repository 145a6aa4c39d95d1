package io.omnigraph.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.engine.catalog.Cells;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.policy.Actor;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.testkit.Fixtures;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A graph on an in-memory store plus one-line helpers for the scenario tests. */
final class TestGraph implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Optional<Actor> NOBODY = Optional.empty();
    final ObjectStore store;
    final Graph graph;

    private TestGraph(ObjectStore store, Graph graph) {
        this.store = store;
        this.graph = graph;
    }

    static TestGraph create(String schema) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        return new TestGraph(mem, OmniGraph.init(mem, schema, InitOptions.defaults()
                .withStoreOptions(TestGraphs.deterministic(7))));
    }

    /** F1 (test.pg) without data. */
    static TestGraph f1() {
        return create(Fixtures.text("engine/test.pg"));
    }

    /** F1 with test.jsonl loaded (append). */
    static TestGraph seeded() {
        TestGraph g = f1();
        g.load(Fixtures.text("engine/test.jsonl"), LoadMode.APPEND);
        return g;
    }

    LoadResult load(String ndjson, LoadMode mode) {
        return load(ndjson, mode, "main");
    }

    LoadResult load(String ndjson, LoadMode mode, String branch) {
        return graph.load(NOBODY, LoadRequest.of(in(ndjson), branch, mode));
    }

    static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    MutationResult mutate(String gq) {
        return mutate(gq, "{}", "main");
    }

    MutationResult mutate(String gq, String params) {
        return mutate(gq, params, "main");
    }

    MutationResult mutate(String gq, String params, String branch) {
        try {
            JsonNode p = JSON.readTree(params);
            return graph.mutate(NOBODY, MutationRequest.of(gq, branch).withParams(p));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Rows of a type at a target: id → (column → boxed JSON-ish value). */
    Map<String, Map<String, Object>> rows(String type, ReadTarget target) {
        ReadView v = graph.read(NOBODY, target);
        EntityType t = v.schema().nodeType(type).map(n -> (EntityType) n)
                .orElseGet(() -> v.schema().edgeType(type).orElseThrow());
        TableData d = v.table(t);
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (int r = 0; r < d.rowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < d.columns().size(); c++) {
                String name = d.schema().columns().get(c).name();
                int pc = c - (t instanceof io.omnigraph.compiler.catalog.EdgeType ? 3 : 1);
                Object val = pc < 0 ? d.column(c).get(r)
                        : io.omnigraph.compiler.types.Values.toJson(Cells.read(d.column(c), r, t.properties().get(pc).type()),
                        t.properties().get(pc).type(), io.omnigraph.compiler.types.Values.NumberStyle.NATIVE);
                row.put(name, val instanceof JsonNode j ? (j.isNull() ? null : j.isIntegralNumber() && j.canConvertToInt() ? (Object) j.intValue() : j.isNumber() ? j.numberValue() : j.isTextual() ? j.textValue() : j.toString()) : val);
            }
            out.put(d.ids().getString(r), row);
        }
        return out;
    }

    Map<String, Map<String, Object>> rows(String type) {
        return rows(type, ReadTarget.branch("main"));
    }

    /** Edges of a type as "src->dst" strings, sorted. */
    List<String> edges(String type, ReadTarget target) {
        return rows(type, target).values().stream().map(r -> r.get("src") + "->" + r.get("dst")).sorted().toList();
    }

    List<String> edges(String type) {
        return edges(type, ReadTarget.branch("main"));
    }

    List<CommitInfo> commits() {
        return graph.commits(NOBODY, "main", 10_000);
    }

    String head() {
        return commits().get(0).graphCommitId();
    }

    @Override
    public void close() {
        graph.close();
    }

    /** Closes a bare graph handle in try-with-resources. */
    record Handle(Graph graph) implements AutoCloseable {
        @Override
        public void close() {
            graph.close();
        }
    }
}
