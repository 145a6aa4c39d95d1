package io.omnigraph.engine.api;

import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.wrap.CountingObjectStore;
import io.omnigraph.storage.wrap.OpCounts;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.StringJoiner;

import static io.omnigraph.engine.api.TestGraph.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;

/** Store-operation counts of facade writes, measured with the real {@link CountingObjectStore}. */
class FacadeCostTest {

    /** F1 with seed data and {@code depth} commits of history on main. */
    static InMemoryObjectStore history(int depth) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (Graph g = OmniGraph.init(mem, Fixtures.text("engine/test.pg"), InitOptions.defaults()
                .withStoreOptions(TestGraphs.deterministic(3)))) {
            g.load(NOBODY, LoadRequest.of(TestGraph.in(Fixtures.text("engine/test.jsonl")), "main", LoadMode.APPEND));
            for (int i = 2; i < depth; i++) {
                g.mutate(NOBODY, MutationRequest.of("query q() { insert Company { name: \"C" + i + "\" } }", "main"));
            }
        }
        return mem;
    }

    @ParameterizedTest(name = "history depth {0}")
    @ValueSource(ints = {2, 100, 1000})
    void keyedSingleNodeInsertOnAColdHandleCostsAtMostSixOpsAndFourRoundTrips(int depth) {
        InMemoryObjectStore mem = history(depth);
        CountingObjectStore counting = new CountingObjectStore(mem);
        try (Graph g = OmniGraph.open(counting, OpenOptions.defaults().withStoreOptions(TestGraphs.deterministic(9)))) {
            counting.reset(); // opening the handle (1 GET of graph.json) is a one-time cost
            MutationResult r = g.mutate(NOBODY, MutationRequest.of(
                    "query q() { insert Person { name: \"Zoe\", age: 40 } }", "main"));
            assertThat(r.affectedNodes()).isEqualTo(1);
            OpCounts c = counting.snapshot();
            assertThat(c.calls()).as("ref, commit ∥ schema, segment ∥ commit, CAS: " + c).isLessThanOrEqualTo(6);
            assertThat(c.roundTrips()).as(c.toString()).isLessThanOrEqualTo(4);
            assertThat(c.list()).isZero();
            // the blind upsert keeps counts right for readers: the snapshot counts ids when the count is an estimate
            assertThat(g.snapshot(NOBODY, "main").datasets()).filteredOn(d -> d.typeName().equals("Person"))
                    .extracting(DatasetInfo::entityCount).containsExactly(5L);
            g.mutate(NOBODY, MutationRequest.of("query q() { insert Person { name: \"Zoe\", age: 41 } }", "main"));
            assertThat(g.snapshot(NOBODY, "main").datasets()).filteredOn(d -> d.typeName().equals("Person"))
                    .extracting(DatasetInfo::entityCount).containsExactly(5L);
        }
    }

    static String wideSchema(int types) {
        StringJoiner j = new StringJoiner("\n");
        for (int i = 0; i < types; i++) {
            j.add("node T" + i + " { name: String @key }");
        }
        return j.toString();
    }

    @ParameterizedTest(name = "{0} types, history depth {1}")
    @CsvSource({"8,1", "8,100", "140,1", "140,100"})
    void branchCreateAndDeleteCostTwoOps(int types, int depth) {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        try (Graph g = OmniGraph.init(mem, wideSchema(types), InitOptions.defaults().withStoreOptions(TestGraphs.deterministic(3)))) {
            for (int i = 1; i < depth; i++) {
                g.mutate(NOBODY, MutationRequest.of("query q() { insert T0 { name: \"n" + i + "\" } }", "main"));
            }
        }
        CountingObjectStore counting = new CountingObjectStore(mem);
        try (Graph g = OmniGraph.open(counting, OpenOptions.defaults())) {
            counting.reset();
            g.createBranch(NOBODY, "feature", "main");
            assertThat(counting.snapshot().calls()).as(counting.snapshot().toString()).isLessThanOrEqualTo(2);
            counting.reset();
            g.deleteBranch(NOBODY, "feature");
            assertThat(counting.snapshot().calls()).as(counting.snapshot().toString()).isLessThanOrEqualTo(2);
            assertThat(g.branches(Optional.empty())).containsExactly("main");
        }
    }
}
