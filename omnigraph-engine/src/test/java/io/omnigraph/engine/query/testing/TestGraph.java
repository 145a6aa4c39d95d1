package io.omnigraph.engine.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.LoadResult;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.query.ExecOptions;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.QueryRows;
import io.omnigraph.engine.query.SnapshotGraph;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.policy.Actor;
import io.omnigraph.storage.memory.InMemoryObjectStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real graph (the engine facade on an in-memory store) with one-line helpers for query tests. */
public final class TestGraph implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Optional<Actor> NOBODY = Optional.empty();

    private final Graph graph;

    private TestGraph(Graph graph) {
        this.graph = graph;
    }

    public static TestGraph create(String pg) {
        return new TestGraph(OmniGraph.init(new InMemoryObjectStore(), pg, InitOptions.defaults()));
    }

    public Graph facade() {
        return graph;
    }

    public Catalog catalog() {
        return graph.read(NOBODY, ReadTarget.branch("main")).catalog();
    }

    public LoadResult load(String jsonl, LoadMode mode) {
        return load(jsonl, mode, "main");
    }

    public LoadResult load(String jsonl, LoadMode mode, String branch) {
        return graph.load(NOBODY, LoadRequest.of(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), branch, mode));
    }

    public MutationResult mutate(String gq, String params) {
        return graph.mutate(NOBODY, MutationRequest.of(gq, "main").withParams(json(params)));
    }

    /** The executor's view of a branch head or commit. */
    public SnapshotGraph graph(ReadTarget target) {
        ReadView v = graph.read(NOBODY, target);
        return new SnapshotGraph(v.snapshot(), v.schema(), graph.indexes());
    }

    public SnapshotGraph graph() {
        return graph(ReadTarget.branch("main"));
    }

    public QueryResult query(String gq, String name, String paramsJson, ReadTarget target, ExecOptions options) {
        return graph.query(NOBODY, QueryRequest.of(gq).named(name).withParams(json(paramsJson)).at(target).withOptions(options));
    }

    public QueryRows run(String gq, String name, String paramsJson, ReadTarget target, ExecOptions options) {
        QueryResult r = query(gq, name, paramsJson, target, options);
        return new QueryRows(r.columns(), r.rows());
    }

    public QueryRows run(String gq, String name, String paramsJson) {
        return run(gq, name, paramsJson, ReadTarget.branch("main"), ExecOptions.defaults());
    }

    private static JsonNode json(String s) {
        try {
            return s == null ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Rows as JSON objects keyed by column (spec §4 rendering). */
    public static List<ObjectNode> json(QueryRows rows) {
        List<ObjectNode> out = new ArrayList<>();
        for (List<Value> r : rows.rows()) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < r.size(); i++) {
                o.set(rows.columns().get(i).name(), Values.toJson(r.get(i), rows.columns().get(i).type(),
                        Values.NumberStyle.NATIVE));
            }
            out.add(o);
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
    }
}
