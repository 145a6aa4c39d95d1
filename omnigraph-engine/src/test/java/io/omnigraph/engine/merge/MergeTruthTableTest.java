package io.omnigraph.engine.merge;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The merge truth-table oracle of engine.md §2.3: base = Alice30, Bob25, Carol40, Dan50 and edge Bob→Carol; the left
 * op runs on {@code feature}, the right op on {@code main}, then feature merges into main. Every pair of the seven ops
 * (49 cells) is checked for the outcome, the conflict (kind, type, id) and the final state of main; after a conflict
 * main must equal the state the right op alone produced, with no new commit.
 */
class MergeTruthTableTest {
    enum Op { NOOP, ADD_NODE, REMOVE_NODE, ADD_EDGE, REMOVE_EDGE, SET_PROPERTY, NET_ZERO_EDGE }

    record Expect(MergeOutcome outcome, MergeConflictKind conflict, TableKind kind, String type, String id) {
        static Expect ok(MergeOutcome o) {
            return new Expect(o, null, null, null, null);
        }

        static Expect conflict(MergeConflictKind k, TableKind kind, String type, String id) {
            return new Expect(null, k, kind, type, id);
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Op l : Op.values()) {
            for (Op r : Op.values()) {
                out.add(Arguments.of(l, r));
            }
        }
        return out.stream();
    }

    /** The oracle, written from the spec's table. */
    static Expect expected(Op left, Op right) {
        if (left == Op.NOOP) {
            return Expect.ok(MergeOutcome.ALREADY_UP_TO_DATE);
        }
        if (right == Op.NOOP) {
            return Expect.ok(MergeOutcome.FAST_FORWARD);
        }
        if (left == Op.ADD_NODE && right == Op.ADD_NODE) {
            return Expect.conflict(MergeConflictKind.DIVERGENT_INSERT, TableKind.NODE, "Person", "Eve");
        }
        if ((left == Op.REMOVE_NODE && right == Op.ADD_EDGE) || (left == Op.ADD_EDGE && right == Op.REMOVE_NODE)) {
            return Expect.conflict(MergeConflictKind.ORPHAN_EDGE, TableKind.EDGE, "Knows", null);
        }
        if ((left == Op.REMOVE_NODE && right == Op.SET_PROPERTY) || (left == Op.SET_PROPERTY && right == Op.REMOVE_NODE)) {
            return Expect.conflict(MergeConflictKind.DELETE_VS_UPDATE, TableKind.NODE, "Person", "Alice");
        }
        if (left == Op.SET_PROPERTY && right == Op.SET_PROPERTY) {
            return Expect.conflict(MergeConflictKind.DIVERGENT_UPDATE, TableKind.NODE, "Person", "Alice");
        }
        return Expect.ok(MergeOutcome.MERGED);
    }

    /** An independent in-memory model of the graph: people name → age, edges id → "src->dst". */
    record Model(Map<String, Integer> people, Map<String, String> edges) {
        static Model base() {
            return new Model(new TreeMap<>(Map.of("Alice", 30, "Bob", 25, "Carol", 40, "Dan", 50)),
                    new TreeMap<>(Map.of("e-base", "Bob->Carol")));
        }

        void apply(Op op, boolean left) {
            switch (op) {
                case NOOP, NET_ZERO_EDGE -> { }
                case ADD_NODE -> people.put("Eve", left ? 21 : 22);
                case REMOVE_NODE -> {
                    people.remove("Alice");
                    edges.values().removeIf(e -> e.startsWith("Alice->") || e.endsWith("->Alice"));
                }
                case ADD_EDGE -> edges.put(left ? "e-left" : "e-right", "Alice->Carol");
                case REMOVE_EDGE -> edges.values().removeIf(e -> e.startsWith("Bob->"));
                case SET_PROPERTY -> people.put("Alice", left ? 31 : 32);
            }
        }

        Set<String> edgeSet() {
            Set<String> s = new TreeSet<>();
            edges.forEach((k, v) -> s.add(k + ":" + v));
            return s;
        }
    }

    static void run(MiniGraph m, Op op, String branch, boolean left) {
        switch (op) {
            case NOOP -> { }
            case ADD_NODE -> m.upsertPeople(branch, "Eve", left ? 21 : 22);
            case REMOVE_NODE -> m.deletePeople(branch, "Alice");
            case ADD_EDGE -> m.addEdge(branch, left ? "e-left" : "e-right", "Alice", "Carol");
            case REMOVE_EDGE -> m.deleteEdges(branch, "e-base");
            case SET_PROPERTY -> m.upsertPeople(branch, "Alice", left ? 31 : 32);
            case NET_ZERO_EDGE -> {
                String id = left ? "e-nz-left" : "e-nz-right";
                m.addEdge(branch, id, "Alice", "Dan");
                m.deleteEdges(branch, id);
            }
        }
    }

    @ParameterizedTest(name = "{0} on feature, {1} on main")
    @MethodSource("cells")
    void cell(Op left, Op right) {
        try (MiniGraph m = new MiniGraph(new InMemoryObjectStore(), 7)) {
            m.upsertPeople("main", "Alice", 30, "Bob", 25, "Carol", 40, "Dan", 50);
            m.addEdge("main", "e-base", "Bob", "Carol");
            m.branch("feature", "main");
            run(m, left, "feature", true);
            run(m, right, "main", false);
            String mainBefore = m.head("main");
            String featureHead = m.head("feature");
            Model rightOnly = Model.base();
            rightOnly.apply(right, false);

            Expect e = expected(left, right);
            if (e.conflict() != null) {
                assertThatThrownBy(() -> m.merge("feature", "main"))
                        .isInstanceOfSatisfying(EngineException.MergeConflicts.class, ex -> {
                            assertThat(ex.conflicts()).isNotEmpty();
                            MergeConflict c = ex.conflicts().get(0);
                            assertThat(c.kind()).isEqualTo(e.conflict());
                            assertThat(c.entityKind()).isEqualTo(e.kind());
                            assertThat(c.typeName()).isEqualTo(e.type());
                            if (e.id() != null) {
                                assertThat(c.entityId()).contains(e.id());
                            }
                            assertThat(ex.conflicts()).allMatch(x -> x.kind() == e.conflict());
                        });
                assertThat(m.head("main")).as("nothing published").isEqualTo(mainBefore);
                assertThat(m.people("main")).isEqualTo(rightOnly.people());
                assertThat(m.edges("main")).isEqualTo(rightOnly.edgeSet());
                return;
            }
            MergeResult r = m.merge("feature", "main");
            assertThat(r.outcome()).isEqualTo(e.outcome());
            Model expectedState = Model.base();
            expectedState.apply(left, true);
            expectedState.apply(right, false);
            assertThat(m.people("main")).isEqualTo(expectedState.people());
            assertThat(m.edges("main")).isEqualTo(expectedState.edgeSet());
            if (r.outcome() == MergeOutcome.ALREADY_UP_TO_DATE) {
                assertThat(m.head("main")).isEqualTo(mainBefore);
                assertThat(r.commit()).isEmpty();
            } else {
                Commit c = r.commit().orElseThrow();
                assertThat(m.head("main")).isEqualTo(c.id());
                assertThat(c.parents()).containsExactly(mainBefore, featureHead);
                assertThat(c.actor()).contains("tester");
                assertThat(c.operation()).isEqualTo("merge");
                // retrying is idempotent
                assertThat(m.merge("feature", "main").outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
                assertThat(m.head("main")).isEqualTo(c.id());
            }
            if (left == Op.NET_ZERO_EDGE && right == Op.NOOP) {
                Commit c = r.commit().orElseThrow();
                assertThat(c.tables()).as("a net-zero fast forward changes no table state")
                        .isEqualTo(m.g.commit(mainBefore).tables());
            }
            assertThat(Optional.of(m.head("feature"))).contains(featureHead);
        }
    }
}
