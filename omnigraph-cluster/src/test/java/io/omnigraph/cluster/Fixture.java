package io.omnigraph.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.failpoint.Failpoints;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.cluster.graph.EngineGraphPlane;
import io.omnigraph.engine.api.CommitInfo;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.cluster.layout.ClusterLayout;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.cluster.ops.ClusterResult;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.wrap.PrefixedObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The spec §8 fixture F in a temp dir, plus a control plane over the real engine. */
public final class Fixture {
    public static final String PEOPLE_PG = "node Person {\n    name: String @key\n    age: I32?\n}\n";
    public static final String PEOPLE_GQ = "query find_person($name: String) {\n    match { $p: Person { name: $name } }\n"
            + "    return { $p.name, $p.age }\n}\n";
    public static final String BASE_POLICY = "version: 1\ngroups:\n  cluster_operators: [act-cluster-test, act-operator, andrew]\n"
            + "rules:\n  - id: operators-change\n    allow:\n      actors: { group: cluster_operators }\n      actions: [change]\n";
    public static final String CLUSTER_YAML = """
            version: 1
            metadata:
              name: company-brain
            state: { backend: cluster, lock: true }
            graphs:
              knowledge:
                schema: ./people.pg
                queries:
                  find_person: { file: ./people.gq }
            policies:
              base:
                file: ./base.policy.yaml
                applies_to: [knowledge]
            """;

    public final Path dir;
    public final EngineGraphPlane plane = new EngineGraphPlane();
    public final Failpoints failpoints = Failpoints.none();
    public Function<String, ObjectStore> opener = ObjectStores::open;
    public Duration lease = Duration.ofSeconds(30);
    public Clock clock = Clock.systemUTC();

    public Fixture(Path dir) {
        this.dir = dir;
        write("people.pg", PEOPLE_PG);
        write("people.gq", PEOPLE_GQ);
        write("base.policy.yaml", BASE_POLICY);
        write("cluster.yaml", CLUSTER_YAML);
    }

    public Fixture write(String rel, String text) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String rel) {
        try {
            return Files.readString(dir.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String rel) {
        return Files.exists(dir.resolve(rel));
    }

    public void delete(String rel) {
        try {
            if (Files.isDirectory(dir.resolve(rel))) {
                try (var s = Files.walk(dir.resolve(rel))) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.deleteIfExists(dir.resolve(rel));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClusterEnvironment env() {
        return new ClusterEnvironment(plane, opener, clock, lease, failpoints, "test@host:1");
    }

    public ClusterControlPlane cp() {
        return new ClusterControlPlane(env());
    }

    public JsonNode validate() {
        return cp().validate(dir).json();
    }

    public JsonNode plan() {
        return cp().plan(dir).json();
    }

    public JsonNode apply() {
        return cp().apply(dir, java.util.Optional.of("act-cluster-test")).json();
    }

    public JsonNode apply(String actor) {
        return cp().apply(dir, java.util.Optional.ofNullable(actor)).json();
    }

    public JsonNode status() {
        return cp().status(dir).json();
    }

    public JsonNode refresh() {
        return cp().refresh(dir).json();
    }

    public JsonNode importState() {
        return cp().importState(dir).json();
    }

    public JsonNode approve(String address, String actor) {
        return cp().approve(dir, address, actor).json();
    }

    public ClusterResult forceUnlock(String id) {
        return cp().forceUnlock(dir, id);
    }

    public ObjectStore rootStore() {
        return ObjectStores.open(dir.toString());
    }

    public GraphRoot graphRoot(String id) {
        ObjectStore s = rootStore();
        return new GraphRoot(id, ClusterLayout.graphUri(s.location(), id), new PrefixedObjectStore(s, ClusterLayout.graphRootKey(id)));
    }

    /** Opens a cluster graph with the engine directly (out-of-band access, as an operator with storage access would). */
    public Graph openGraph(String id) {
        return OmniGraph.open(graphRoot(id).store(), OpenOptions.defaults());
    }

    /** The actors recorded on main's commits, oldest first (null for none). */
    public List<String> commitActors(String id) {
        try (Graph g = openGraph(id)) {
            List<String> out = new ArrayList<>();
            for (CommitInfo c : g.commits(java.util.Optional.empty(), "main", 1000).reversed()) {
                out.add(c.actorId().orElse(null));
            }
            return out;
        }
    }

    /** Creates a non-main branch through the engine (schema apply then refuses). */
    public void createBranch(String id, String name) {
        try (Graph g = openGraph(id)) {
            g.createBranch(java.util.Optional.empty(), name, "main");
        }
    }

    /** Converges F: import + apply. */
    public Fixture converge() {
        importState();
        JsonNode a = apply();
        if (!a.path("converged").asBoolean()) {
            throw new AssertionError("did not converge: " + a.toPrettyString());
        }
        return this;
    }

    public static List<String> codes(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("diagnostics").forEach(d -> out.add(d.path("code").asText()));
        return out;
    }

    public static JsonNode change(JsonNode result, String resource) {
        for (JsonNode c : result.path("changes")) {
            if (c.path("resource").asText().equals(resource)) {
                return c;
            }
        }
        throw new AssertionError("no change for " + resource + " in " + result.path("changes"));
    }
}
