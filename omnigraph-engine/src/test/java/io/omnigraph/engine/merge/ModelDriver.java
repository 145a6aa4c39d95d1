package io.omnigraph.engine.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.api.BranchMergeRequest;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.MutationRequest;
import io.omnigraph.engine.api.MutationResult;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.ReadView;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.policy.Actor;
import io.omnigraph.storage.memory.InMemoryObjectStore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the model-based test drives: a graph of people (name → age) and named edges between them, written either
 * with raw segments ({@link Mini}) or through the real facade — NDJSON loads, {@code .gq} mutations, the merge with
 * the shared integrity evaluator ({@link Facade}). Edges are named by the model; the facade stores the name in an
 * edge property {@code tag} and maps the engine's generated ids back to it.
 */
interface ModelDriver extends AutoCloseable {
    GraphStore store();

    void createBranch(String name, String from);

    void deleteBranch(String name);

    /** Upserts people; always publishes a commit. */
    Commit upsert(String branch, Map<String, Integer> rows);

    /** Sets one person's age; null when nobody matched (no commit). */
    Commit update(String branch, String name, int age);

    /** Deletes a person and its edges; null when nobody matched. */
    Commit deletePerson(String branch, String name);

    /** Inserts a named edge between existing people. */
    Commit addEdge(String branch, String edge, String src, String dst);

    /** Deletes a named edge; null when it did not exist. */
    Commit deleteEdge(String branch, String edge);

    /** True when {@link #addEdge} may reuse an existing name to rewrite that edge in place. */
    boolean rewritesEdges();

    MergeResult merge(String source, String target);

    Map<String, Integer> people(ReadTarget at);

    /** name → "src->dst". */
    Map<String, String> edges(ReadTarget at);

    /** The model name of an entity id reported by the engine (people: the name; edges: the edge name). */
    String modelId(String engineId);

    @Override
    void close();

    /** Raw segment writes through {@link MiniGraph} (edge ids are the model names). */
    final class Mini implements ModelDriver {
        private final MiniGraph m;

        Mini(long seed) {
            this.m = new MiniGraph(new InMemoryObjectStore(), seed);
        }

        @Override
        public GraphStore store() {
            return m.g;
        }

        @Override
        public void createBranch(String name, String from) {
            m.branch(name, from);
        }

        @Override
        public void deleteBranch(String name) {
            m.g.deleteBranch(name);
        }

        @Override
        public Commit upsert(String branch, Map<String, Integer> rows) {
            Object[] args = new Object[rows.size() * 2];
            int k = 0;
            for (Map.Entry<String, Integer> e : rows.entrySet()) {
                args[k++] = e.getKey();
                args[k++] = e.getValue();
            }
            return m.upsertPeople(branch, args);
        }

        @Override
        public Commit update(String branch, String name, int age) {
            return m.people(branch).containsKey(name) ? m.upsertPeople(branch, name, age) : null;
        }

        @Override
        public Commit deletePerson(String branch, String name) {
            return m.deletePeople(branch, name);
        }

        @Override
        public Commit addEdge(String branch, String edge, String src, String dst) {
            return m.addEdge(branch, edge, src, dst);
        }

        @Override
        public Commit deleteEdge(String branch, String edge) {
            return m.deleteEdges(branch, edge);
        }

        @Override
        public boolean rewritesEdges() {
            return true;
        }

        @Override
        public MergeResult merge(String source, String target) {
            return m.merge(source, target);
        }

        @Override
        public Map<String, Integer> people(ReadTarget at) {
            return m.people(at);
        }

        @Override
        public Map<String, String> edges(ReadTarget at) {
            Map<String, String> out = new TreeMap<>();
            for (String e : m.edges(at)) {
                int colon = e.indexOf(':');
                out.put(e.substring(0, colon), e.substring(colon + 1));
            }
            return out;
        }

        @Override
        public String modelId(String engineId) {
            return engineId;
        }

        @Override
        public void close() {
            m.close();
        }
    }

    /** The real facade: loads, mutations and merges as users run them. */
    final class Facade implements ModelDriver {
        static final String SCHEMA = """
                node Person {
                    name: String @key
                    age: I32?
                }
                edge Knows: Person -> Person {
                    tag: String?
                }
                """;
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Optional<Actor> ACTOR = Optional.of(Actor.of("model"));
        private final Graph graph;
        private final Map<String, String> edgeNames = new ConcurrentHashMap<>();

        Facade(long seed) {
            this.graph = OmniGraph.init(new InMemoryObjectStore(), SCHEMA,
                    InitOptions.defaults().withStoreOptions(TestGraphs.deterministic(seed)));
        }

        @Override
        public GraphStore store() {
            return graph.store();
        }

        @Override
        public void createBranch(String name, String from) {
            graph.createBranch(ACTOR, name, from);
        }

        @Override
        public void deleteBranch(String name) {
            graph.deleteBranch(ACTOR, name);
        }

        @Override
        public Commit upsert(String branch, Map<String, Integer> rows) {
            StringBuilder nd = new StringBuilder();
            rows.forEach((n, a) -> nd.append("{\"type\":\"Person\",\"data\":{\"name\":\"").append(n).append("\",\"age\":")
                    .append(a).append("}}\n"));
            var r = graph.load(ACTOR, LoadRequest.of(new ByteArrayInputStream(nd.toString().getBytes(StandardCharsets.UTF_8)),
                    branch, LoadMode.MERGE));
            return store().commit(r.commit().graphCommitId());
        }

        private Commit mutate(String branch, String gq, ObjectNode params) {
            MutationResult r = graph.mutate(ACTOR, MutationRequest.of(gq, branch).withParams(params));
            return r.commit().map(c -> store().commit(c.graphCommitId())).orElse(null);
        }

        @Override
        public Commit update(String branch, String name, int age) {
            return mutate(branch, "query q($n: String, $a: I32) { update Person set { age: $a } where name = $n }",
                    JSON.createObjectNode().put("n", name).put("a", age));
        }

        @Override
        public Commit deletePerson(String branch, String name) {
            return mutate(branch, "query q($n: String) { delete Person where name = $n }", JSON.createObjectNode().put("n", name));
        }

        @Override
        public Commit addEdge(String branch, String edge, String src, String dst) {
            Commit c = mutate(branch, "query q($s: String, $d: String, $t: String) { insert Knows { from: $s, to: $d, tag: $t } }",
                    JSON.createObjectNode().put("s", src).put("d", dst).put("t", edge));
            TableData t = knows(ReadTarget.commit(c.id()));
            for (int r = 0; r < t.rowCount(); r++) {
                if (edge.equals(t.column("tag").get(r))) {
                    edgeNames.put(t.ids().getString(r), edge);
                }
            }
            return c;
        }

        @Override
        public Commit deleteEdge(String branch, String edge) {
            return mutate(branch, "query q($t: String) { delete Knows where tag = $t }", JSON.createObjectNode().put("t", edge));
        }

        @Override
        public boolean rewritesEdges() {
            return false;
        }

        @Override
        public MergeResult merge(String source, String target) {
            return graph.history().merge(ACTOR, BranchMergeRequest.of(source, target)).merge();
        }

        private TableData table(ReadTarget at, String type) {
            ReadView v = graph.read(ACTOR, at);
            return v.table(v.schema().nodeType(type).map(n -> (io.omnigraph.compiler.catalog.EntityType) n)
                    .orElseGet(() -> v.schema().edgeType(type).orElseThrow()));
        }

        private TableData knows(ReadTarget at) {
            return table(at, "Knows");
        }

        @Override
        public Map<String, Integer> people(ReadTarget at) {
            TableData t = table(at, "Person");
            Map<String, Integer> out = new TreeMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                Object age = t.column("age").get(r);
                out.put(t.ids().getString(r), age == null ? -1 : (Integer) age);
            }
            return out;
        }

        @Override
        public Map<String, String> edges(ReadTarget at) {
            TableData t = knows(at);
            Map<String, String> out = new TreeMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                out.put((String) t.column("tag").get(r), ((StringColumn) t.column(1)).getString(r) + "->"
                        + ((StringColumn) t.column(2)).getString(r));
            }
            return out;
        }

        @Override
        public String modelId(String engineId) {
            return edgeNames.getOrDefault(engineId, engineId);
        }

        @Override
        public void close() {
            graph.close();
        }
    }
}
