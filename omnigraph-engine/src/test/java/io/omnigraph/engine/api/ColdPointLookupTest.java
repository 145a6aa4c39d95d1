package io.omnigraph.engine.api;

import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.merge.IntegrityMergeValidator;
import io.omnigraph.engine.merge.MergeOutcome;
import io.omnigraph.engine.merge.MergeRequest;
import io.omnigraph.engine.merge.Merger;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.wrap.CountingObjectStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edge inserts, appends and merges on cold handles over a fragmented history (one segment per commit, deletes,
 * deleted-then-reinserted ids): the same answers whether or not the commits carry id filters (older writers wrote
 * none), and with filters the store reads do not grow with the history depth.
 */
class ColdPointLookupTest {
    static final String SCHEMA = """
            node A { name: String @key }
            node B { name: String @key }
            edge E: A -> B
            """;

    static InMemoryObjectStore history(int filler, boolean filters) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        GraphStoreOptions opts = TestGraphs.deterministic(3).withIdFilters(filters);
        try (Graph g = OmniGraph.init(mem, SCHEMA, InitOptions.defaults().withStoreOptions(opts))) {
            mutate(g, "insert A { name: \"a\" } insert B { name: \"gone\" } insert B { name: \"back\" } insert B { name: \"b0\" }");
            for (int i = 0; i < filler; i++) {
                mutate(g, "insert B { name: \"h" + i + "\" }");
                if (i == filler / 2) {
                    mutate(g, "delete B where name = \"gone\"");
                    mutate(g, "delete B where name = \"back\"");
                    mutate(g, "insert B { name: \"back\" }");
                }
            }
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                batch.append("{\"type\":\"B\",\"data\":{\"name\":\"bulk").append(i).append("\"}}\n");
            }
            g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(batch.toString().getBytes(StandardCharsets.UTF_8)),
                    "main", LoadMode.APPEND));
        }
        return mem;
    }

    static void mutate(Graph g, String body) {
        g.mutate(Optional.empty(), MutationRequest.of("query q() { " + body + " }", "main"));
    }

    static Graph cold(InMemoryObjectStore mem, CountingObjectStore[] counting) {
        counting[0] = new CountingObjectStore(mem);
        Graph g = OmniGraph.open(counting[0], OpenOptions.defaults().withStoreOptions(TestGraphs.deterministic(7)));
        counting[0].reset();
        return g;
    }

    static void load(Graph g, String name) {
        g.load(Optional.empty(), LoadRequest.of(new ByteArrayInputStream(("{\"type\":\"B\",\"data\":{\"name\":\"" + name
                + "\"}}\n").getBytes(StandardCharsets.UTF_8)), "main", LoadMode.APPEND));
    }

    @ParameterizedTest(name = "filler {0}, id filters {1}")
    @CsvSource({"10,true", "60,true", "10,false", "60,false"})
    void coldChecksGiveTheSameAnswersWithAndWithoutFilters(int filler, boolean filters) {
        InMemoryObjectStore mem = history(filler, filters);
        CountingObjectStore[] c = new CountingObjectStore[1];
        for (String ok : new String[]{"b0", "back", "h3", "bulk17"}) {
            try (Graph g = cold(mem, c)) {
                mutate(g, "insert E { from: \"a\", to: \"" + ok + "\" }");
            }
        }
        for (String missing : new String[]{"gone", "nope", "bulk40"}) {
            try (Graph g = cold(mem, c)) {
                assertThatThrownBy(() -> mutate(g, "insert E { from: \"a\", to: \"" + missing + "\" }"))
                        .isInstanceOf(EngineException.ConstraintViolation.class)
                        .hasMessage("dst '" + missing + "' not found in B");
            }
        }
        try (Graph g = cold(mem, c)) {
            assertThatThrownBy(() -> mutate(g, "insert E { from: \"nobody\", to: \"b0\" }"))
                    .isInstanceOf(EngineException.ConstraintViolation.class).hasMessage("src 'nobody' not found in A");
        }
        for (String taken : new String[]{"h3", "back", "b0", "bulk5"}) {
            try (Graph g = cold(mem, c)) {
                assertThatThrownBy(() -> load(g, taken)).isInstanceOf(EngineException.KeyConflict.class)
                        .hasMessageContaining("id '" + taken + "' already exists");
            }
        }
        try (Graph g = cold(mem, c)) {
            load(g, "gone"); // deleted earlier: free again
        }
        try (Graph g = cold(mem, c)) {
            assertThatThrownBy(() -> load(g, "gone")).isInstanceOf(EngineException.KeyConflict.class);
        }
    }

    @ParameterizedTest(name = "id filters {0}")
    @CsvSource({"true", "false"})
    void coldReadsAreFlatInDepthWithFilters(boolean filters) {
        long[] edgeGets = new long[2];
        long[] loadGets = new long[2];
        long[] mergeGets = new long[2];
        int[] fillers = {10, 120};
        for (int i = 0; i < 2; i++) {
            InMemoryObjectStore mem = history(fillers[i], filters);
            CountingObjectStore[] c = new CountingObjectStore[1];
            try (Graph g = cold(mem, c)) {
                mutate(g, "insert E { from: \"a\", to: \"h3\" }");
                edgeGets[i] = c[0].snapshot().get();
            }
            try (Graph g = cold(mem, c)) {
                load(g, "fresh");
                loadGets[i] = c[0].snapshot().get();
            }
            try (Graph g = OmniGraph.open(mem, OpenOptions.defaults().withStoreOptions(TestGraphs.deterministic(8)))) {
                g.createBranch(Optional.empty(), "side", "main");
                g.mutate(Optional.empty(), MutationRequest.of("query q() { insert B { name: \"side1\" } }", "side"));
                mutate(g, "insert A { name: \"main1\" }");
            }
            try (Graph g = cold(mem, c)) {
                var r = new Merger(g.store(), IntegrityMergeValidator.fromStoredSchema())
                        .merge(MergeRequest.of("side", "main", Optional.empty()));
                assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
                mergeGets[i] = c[0].snapshot().get();
            }
            try (Graph g = cold(mem, c)) {
                var snap = g.store().snapshot(io.omnigraph.engine.snapshot.ReadTarget.branch("main"));
                String b = snap.schema().tables().values().stream().filter(t -> t.typeName().equals("B")).findFirst()
                        .orElseThrow().tableKey();
                assertThat(snap.table(b).rowOf("side1")).as("merged row").isGreaterThanOrEqualTo(0);
                assertThat(snap.table(b).rowOf("gone")).as("deleted row").isLessThan(0);
            }
        }
        if (filters) {
            assertThat(edgeGets[1]).as("edge insert GETs at depth ~%d vs ~%d", fillers[1], fillers[0]).isEqualTo(edgeGets[0]);
            assertThat(loadGets[1]).as("append GETs").isEqualTo(loadGets[0]);
            assertThat(mergeGets[1]).as("merge GETs").isEqualTo(mergeGets[0]);
        } else {
            assertThat(edgeGets[1]).as("without filters the segments of B are read").isGreaterThan(edgeGets[0] + 50);
        }
    }
}
