package io.omnigraph.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.bench.social.SocialBench;
import io.omnigraph.bench.social.SocialGraph;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.QueryRequest;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.output.ReadOutput;
import io.omnigraph.engine.query.QueryResult;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OmniGraph through its embedded facade: NDJSON (the graph load format) loaded with {@code Graph.load} (overwrite,
 * one commit) into a local-folder graph root; the handle is then closed and the graph reopened, as a server would,
 * and queries run through {@code Graph.query} (ref read, plan cache, execution).
 */
public final class OmniGraphSystem implements GraphSystem {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String source = SocialBench.queries();
    private final Map<String, QueryRequest> requests = new HashMap<>();
    private Graph graph;
    private Path root;

    @Override
    public String name() {
        return "omnigraph";
    }

    @Override
    public String version() {
        return "OmniGraph-JVM " + Optional.ofNullable(Graph.class.getPackage().getImplementationVersion()).orElse("0.1.0");
    }

    @Override
    public void prepare(SocialGraph.Data data, Path dir) {
        SocialGraph.writeNdjson(data, dir.resolve("social.jsonl"));
    }

    @Override
    public void load(SocialGraph.Data data, Path dir) throws Exception {
        root = dir.resolve("omnigraph.omni");
        Files.createDirectories(root);
        try (Graph g = OmniGraph.init(root.toString(), SocialGraph.SCHEMA, InitOptions.defaults());
             InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("social.jsonl")), 1 << 20)) {
            g.load(Optional.empty(), LoadRequest.of(in, "main", LoadMode.OVERWRITE));
        }
        graph = OmniGraph.open(root.toString(), OpenOptions.defaults());
    }

    @Override
    public List<List<String>> run(CompareQuery q) throws Exception {
        QueryRequest req = requests.get(q.id());
        if (req == null) {
            JsonNode params = JSON.readTree(q.gq().params());
            req = QueryRequest.of(source).named(q.gq().name()).withParams(params);
            requests.put(q.id(), req);
        }
        QueryResult r = graph.query(Optional.empty(), req);
        List<List<String>> out = new ArrayList<>(r.rowCount());
        for (var row : r.rows()) {
            List<String> cells = new ArrayList<>();
            ReadOutput.row(r.columns(), row, Values.NumberStyle.NATIVE).forEach(v -> cells.add(cell(v)));
            out.add(cells);
        }
        return out;
    }

    static String cell(JsonNode v) {
        if (v.isIntegralNumber()) {
            return Rows.cell(v.asLong());
        }
        if (v.isNumber()) {
            return Rows.cell(v.asDouble());
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
        }
    }
}
