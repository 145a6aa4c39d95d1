package io.omnigraph.cluster.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.json.CanonicalJson;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.migrate.MigrationPlan;
import io.omnigraph.compiler.migrate.MigrationPlanner;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small graph "engine" over real storage, for tests and for running the control plane before the engine adapter
 * is wired: a graph is one object {@code simulated-graph.json} holding the main manifest version, the stored schema
 * (source + IR, compiled and evolved by the real compiler, migrations planned by the real {@link MigrationPlanner})
 * and the names of non-main branches. Writes are conditional (create-if-absent, if-match), so they are atomic and
 * race-safe on every backend, and they go through the root's store, so fault injection reaches them.
 * It stores no rows: data-plane commands need the real engine.
 */
public final class SimulatedGraphPlane implements GraphPlane {
    public static final String OBJECT = "simulated-graph.json";

    @Override
    public void init(GraphRoot root, String schemaSource, Optional<String> actor) throws GraphPlaneException {
        CompiledSchema compiled;
        try {
            compiled = SchemaCompiler.compile(schemaSource, "schema.pg");
        } catch (CompileException e) {
            throw new GraphPlaneException("schema does not compile: " + e.getMessage(), false);
        }
        ObjectNode o = CanonicalJson.object();
        o.put("format", "simulated-graph/v1");
        o.put("version", 1);
        o.set("schema", parse(compiled.toStoredJson()));
        o.putArray("branches");
        ArrayNode log = o.putArray("commits");
        log.addObject().put("operation", "init").put("actor", actor.orElse(null));
        try {
            root.store().putIfAbsent(OBJECT, CanonicalJson.fileBytes(o));
        } catch (StoreException.PreconditionFailed e) {
            throw new GraphPlaneException("a graph already exists at " + root.uri(), false);
        } catch (StoreException e) {
            throw new GraphPlaneException("cannot create graph at " + root.uri() + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public GraphObservation observe(GraphRoot root) {
        try {
            Optional<StoredObject> obj = root.store().get(OBJECT);
            if (obj.isEmpty()) {
                return exists(root) ? GraphObservation.broken("not a graph: " + OBJECT + " is missing under " + root.uri())
                        : GraphObservation.absent();
            }
            State s = read(obj.get());
            return GraphObservation.open(s.version, s.schema.source(), s.schema.sourceDigest());
        } catch (StoreException e) {
            return GraphObservation.broken("cannot read " + root.uri() + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            return GraphObservation.broken(e.getMessage());
        }
    }

    @Override
    public SchemaPreview previewSchemaApply(GraphRoot root, String desiredSource) {
        try {
            Optional<StoredObject> obj = root.store().get(OBJECT);
            if (obj.isEmpty()) {
                return new SchemaPreview.Rejected("no graph at " + root.uri());
            }
            State s = read(obj.get());
            if (!s.branches.isEmpty()) {
                return new SchemaPreview.Rejected("schema apply requires a graph with only the main branch; found branches "
                        + s.branches + " (merge or delete them first)");
            }
            MigrationPlan plan = MigrationPlanner.plan(s.schema, desiredSource, "schema.pg", false).plan();
            return new SchemaPreview.Ready(plan, s.version);
        } catch (CompileException e) {
            return new SchemaPreview.Rejected("desired schema does not compile against the live one: " + e.getMessage());
        } catch (StoreException | IllegalStateException e) {
            return new SchemaPreview.Rejected(e.getMessage());
        }
    }

    @Override
    public long applySchema(GraphRoot root, String desiredSource, Optional<String> actor) throws GraphPlaneException {
        StoredObject obj;
        State s;
        try {
            obj = root.store().get(OBJECT).orElseThrow(() -> new IllegalStateException("no graph at " + root.uri()));
            s = read(obj);
        } catch (StoreException | IllegalStateException e) {
            throw new GraphPlaneException(e.getMessage(), false);
        }
        if (!s.branches.isEmpty()) {
            throw new GraphPlaneException("schema apply requires only the main branch; found " + s.branches, false);
        }
        MigrationPlanner.SchemaMigration m;
        try {
            m = MigrationPlanner.plan(s.schema, desiredSource, "schema.pg", false);
        } catch (CompileException e) {
            throw new GraphPlaneException("desired schema does not compile: " + e.getMessage(), false);
        }
        if (!m.plan().supported()) {
            throw new GraphPlaneException("unsupported migration: " + m.plan().refusal().orElse("?"), false);
        }
        ObjectNode o = (ObjectNode) parse(obj.utf8());
        long next = s.version + 1;
        o.put("version", next);
        o.set("schema", parse(m.desired().toStoredJson()));
        ((ArrayNode) o.withArray("commits")).addObject().put("operation", "schema_apply").put("actor", actor.orElse(null));
        try {
            root.store().putIfMatch(OBJECT, CanonicalJson.fileBytes(o), obj.version());
        } catch (StoreException e) {
            throw new GraphPlaneException("schema apply lost a race or failed at " + root.uri() + ": " + e.getMessage(), false, e);
        }
        return next;
    }

    /** Test helper: creates a non-main branch (makes schema previews refuse, like the engine). */
    public void createBranch(GraphRoot root, String name) {
        StoredObject obj = root.store().get(OBJECT).orElseThrow();
        ObjectNode o = (ObjectNode) parse(obj.utf8());
        ((ArrayNode) o.withArray("branches")).add(name);
        root.store().putIfMatch(OBJECT, CanonicalJson.fileBytes(o), obj.version());
    }

    /** The actors recorded by the graph's commits, oldest first (for attribution tests). */
    public List<String> commitActors(GraphRoot root) {
        JsonNode o = parse(root.store().get(OBJECT).orElseThrow().utf8());
        List<String> out = new ArrayList<>();
        o.path("commits").forEach(c -> out.add(c.path("actor").isNull() ? null : c.path("actor").asText()));
        return out;
    }

    private record State(long version, CompiledSchema schema, List<String> branches) {
    }

    private static State read(StoredObject obj) {
        JsonNode o = parse(obj.utf8());
        if (!"simulated-graph/v1".equals(o.path("format").asText())) {
            throw new IllegalStateException("not a simulated graph");
        }
        CompiledSchema schema;
        try {
            schema = CompiledSchema.fromStoredJson("schema.pg", CanonicalJson.compact(o.get("schema")));
        } catch (CompileException e) {
            throw new IllegalStateException("stored schema is corrupt: " + e.getMessage());
        }
        List<String> branches = new ArrayList<>();
        o.path("branches").forEach(b -> branches.add(b.asText()));
        return new State(o.path("version").asLong(), schema, branches);
    }

    private static JsonNode parse(String s) {
        try {
            return CanonicalJson.MAPPER.readTree(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("corrupt graph object: " + e.getMessage());
        }
    }
}
