package io.omnigraph.engine.merge;

import io.omnigraph.engine.diff.ChangeHistory;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.snapshot.ReadTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based randomized test of branches and merges: seeded random sequences of branch create / upsert / delete
 * (cascading) / edge insert and delete / merge / branch delete on a small graph, checked after every step against a
 * simple in-memory reference model — per branch a map of rows, plus a commit DAG with an exhaustive merge-base search
 * and the §2.3 truth table applied to maps. Checked each step: every branch's rows, the merge outcome, the exact
 * conflict set (kind + id), parents of merge commits, the entity changes of every new commit, and old snapshots.
 *
 * <p>Two drivers: raw segment writes ({@link ModelDriver.Mini}, fast) and the real facade — NDJSON loads, {@code .gq}
 * mutations, merges validated by the shared integrity evaluator ({@link ModelDriver.Facade}). A failing universe
 * prints its seed; replay it alone with {@code -Dhistory.seed=<seed>}. The default run covers 500 universes per
 * driver; {@code -Plong} runs 10,000 through the facade.
 */
class MergeModelTest {
    static final String[] NAMES = {"A", "B", "C", "D", "E", "F"};
    static final int STEPS = 30;

    @Test
    void fiveHundredUniversesOfSegmentWrites() {
        run(ModelDriver.Mini::new, "segments", Long.getLong("history.seed", -1L), 500);
    }

    @Test
    void fiveHundredUniversesThroughTheFacade() {
        run(ModelDriver.Facade::new, "facade", Long.getLong("history.seed", -1L), 500);
    }

    @Test
    @Tag("long")
    void tenThousandUniversesThroughTheFacade() {
        run(ModelDriver.Facade::new, "facade", -1, 10_000);
    }

    private static void run(LongFunction<ModelDriver> driver, String label, long onlySeed, int universes) {
        long t0 = System.nanoTime();
        AtomicInteger merges = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        Map<MergeOutcome, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, AtomicInteger> kinds = new java.util.concurrent.ConcurrentHashMap<>();
        if (onlySeed >= 0) {
            new Universe(driver, onlySeed, merges, conflicts, outcomes, kinds).run();
            return;
        }
        IntStream.range(0, universes).parallel()
                .forEach(i -> new Universe(driver, 1000L + i, merges, conflicts, outcomes, kinds).run());
        System.out.printf("model test (%s): %d universes x %d steps, %d merges (%s), %d conflicting %s, %d ms%n", label,
                universes, STEPS, merges.get(), outcomes, conflicts.get(), new TreeMap<>(kinds),
                (System.nanoTime() - t0) / 1_000_000);
        assertThat(kinds.keySet()).as("the generator reaches every row conflict kind and orphan edges")
                .contains("divergent_insert", "divergent_update", "delete_vs_update", "orphan_edge");
        assertThat(conflicts.get()).as("the generator reaches conflicts").isPositive();
        assertThat(outcomes.keySet()).as("the generator reaches every outcome").containsExactlyInAnyOrder(MergeOutcome.values());
    }

    /** The model state of one commit: people name → age, edges id → "src->dst". */
    record State(Map<String, Integer> people, Map<String, String> edges) {
        State {
            people = Map.copyOf(people);
            edges = Map.copyOf(edges);
        }

        Set<String> edgeSet() {
            Set<String> s = new TreeSet<>();
            edges.forEach((k, v) -> s.add(k + ":" + v));
            return s;
        }
    }

    record ModelCommit(String id, List<String> parents, long generation, State state) {
    }

    static final class Universe {
        final LongFunction<ModelDriver> driverFactory;
        final Map<String, AtomicInteger> kinds;
        final long seed;
        final Random rnd;
        final AtomicInteger merges;
        final AtomicInteger conflicts;
        final Map<MergeOutcome, AtomicInteger> outcomes;
        final Map<String, ModelCommit> dag = new HashMap<>();
        final Map<String, String> branches = new TreeMap<>(); // name -> head commit id
        final List<String> trail = new ArrayList<>();
        int nextEdge;
        int nextBranch;

        Universe(LongFunction<ModelDriver> driverFactory, long seed, AtomicInteger merges, AtomicInteger conflicts,
                 Map<MergeOutcome, AtomicInteger> outcomes, Map<String, AtomicInteger> kinds) {
            this.driverFactory = driverFactory;
            this.kinds = kinds;
            this.seed = seed;
            this.rnd = new Random(seed);
            this.merges = merges;
            this.conflicts = conflicts;
            this.outcomes = outcomes;
        }

        void run() {
            try (ModelDriver m = driverFactory.apply(seed)) {
                ChangeHistory history = new ChangeHistory(m.store());
                Commit genesis = m.store().commit(m.store().readBranch("main").headCommitId());
                dag.put(genesis.id(), new ModelCommit(genesis.id(), List.of(), 1, new State(Map.of(), Map.of())));
                branches.put("main", genesis.id());
                for (int step = 0; step < STEPS; step++) {
                    try {
                        step(m, history);
                        check(m);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError("model universe seed " + seed + " failed at step " + step
                                + " (replay: -Dhistory.seed=" + seed + " -Dtest=MergeModelTest)\n  trail: "
                                + String.join("\n         ", trail) + "\n  cause: " + e, e);
                    }
                }
            }
        }

        State state(String branch) {
            return dag.get(branches.get(branch)).state();
        }

        String anyBranch() {
            List<String> names = new ArrayList<>(branches.keySet());
            return names.get(rnd.nextInt(names.size()));
        }

        String head(ModelDriver m, String branch) {
            return m.store().readBranch(branch).headCommitId();
        }

        void recordWrite(ModelDriver m, ChangeHistory h, String branch, Commit c, State after) {
            if (c == null) {
                assertThat(head(m, branch)).as("no-op write publishes nothing").isEqualTo(branches.get(branch));
                return;
            }
            ModelCommit parent = dag.get(branches.get(branch));
            assertThat(c.parents()).containsExactly(parent.id());
            dag.put(c.id(), new ModelCommit(c.id(), c.parents(), parent.generation() + 1, after));
            branches.put(branch, c.id());
            checkChanges(m, h, c, parent.state(), after);
        }

        void step(ModelDriver m, ChangeHistory h) {
            int dice = rnd.nextInt(100);
            if (dice < 12 && branches.size() < 4) {
                String from = anyBranch();
                String name = "b" + (nextBranch++);
                trail.add("branch " + name + " from " + from);
                m.createBranch(name, from);
                branches.put(name, branches.get(from));
            } else if (dice < 16 && branches.size() > 1) {
                String b = anyBranch();
                if (!b.equals("main")) {
                    trail.add("delete branch " + b);
                    m.deleteBranch(b);
                    branches.remove(b);
                }
            } else if (dice < 30) {
                String b = anyBranch();
                int n = 1 + rnd.nextInt(3);
                Map<String, Integer> rows = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    rows.put(NAMES[rnd.nextInt(NAMES.length)], rnd.nextInt(4));
                }
                trail.add("upsert on " + b + " " + rows);
                State s = state(b);
                Map<String, Integer> people = new HashMap<>(s.people());
                people.putAll(rows);
                recordWrite(m, h, b, m.upsert(b, rows), new State(people, s.edges()));
            } else if (dice < 40) {
                String b = anyBranch();
                String name = NAMES[rnd.nextInt(NAMES.length)];
                int age = rnd.nextInt(4);
                trail.add("update " + name + "=" + age + " on " + b);
                State s = state(b);
                Map<String, Integer> people = new HashMap<>(s.people());
                boolean exists = people.containsKey(name);
                if (exists) {
                    people.put(name, age);
                }
                Commit c = m.update(b, name, age);
                assertThat(c != null).as("update publishes iff the person exists").isEqualTo(exists);
                recordWrite(m, h, b, c, new State(people, s.edges()));
            } else if (dice < 48) {
                String b = anyBranch();
                String name = NAMES[rnd.nextInt(NAMES.length)];
                trail.add("delete " + name + " on " + b);
                State s = state(b);
                Map<String, Integer> people = new HashMap<>(s.people());
                Map<String, String> edges = new HashMap<>(s.edges());
                boolean existed = people.remove(name) != null;
                edges.values().removeIf(v -> v.startsWith(name + "->") || v.endsWith("->" + name));
                Commit c = m.deletePerson(b, name);
                assertThat(c != null).isEqualTo(existed);
                recordWrite(m, h, b, c, new State(people, edges));
            } else if (dice < 66) {
                String b = anyBranch();
                State s = state(b);
                if (s.people().isEmpty()) {
                    return;
                }
                List<String> present = new ArrayList<>(new TreeSet<>(s.people().keySet()));
                String src = present.get(rnd.nextInt(present.size()));
                String dst = present.get(rnd.nextInt(present.size()));
                // mostly fresh edges; with raw segments, sometimes rewrite an existing one (same id, maybe moved endpoints)
                String id = m.rewritesEdges() && !s.edges().isEmpty() && rnd.nextInt(4) == 0
                        ? new ArrayList<>(new TreeSet<>(s.edges().keySet())).get(rnd.nextInt(s.edges().size()))
                        : "e" + (nextEdge++);
                trail.add("edge " + id + " " + src + "->" + dst + " on " + b);
                Map<String, String> edges = new HashMap<>(s.edges());
                edges.put(id, src + "->" + dst);
                recordWrite(m, h, b, m.addEdge(b, id, src, dst), new State(s.people(), edges));
            } else if (dice < 74) {
                String b = anyBranch();
                State s = state(b);
                if (s.edges().isEmpty()) {
                    return;
                }
                String id = new ArrayList<>(new TreeSet<>(s.edges().keySet())).get(rnd.nextInt(s.edges().size()));
                trail.add("delete edge " + id + " on " + b);
                Map<String, String> edges = new HashMap<>(s.edges());
                edges.remove(id);
                recordWrite(m, h, b, m.deleteEdge(b, id), new State(s.people(), edges));
            } else if (branches.size() > 1) {
                String src = anyBranch();
                String tgt = anyBranch();
                if (src.equals(tgt)) {
                    return;
                }
                merge(m, h, src, tgt);
            }
        }

        void merge(ModelDriver m, ChangeHistory h, String src, String tgt) {
            merges.incrementAndGet();
            String sh = branches.get(src);
            String th = branches.get(tgt);
            String base = sh.equals(th) ? sh : mergeBase(sh, th);
            trail.add("merge " + src + " into " + tgt + " (model base " + base + ")");
            if (sh.equals(th) || base.equals(sh)) {
                MergeResult r = m.merge(src, tgt);
                assertThat(r.outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
                assertThat(head(m, tgt)).isEqualTo(th);
                count(r.outcome());
                return;
            }
            State b = dag.get(base).state();
            State s = dag.get(sh).state();
            State t = dag.get(th).state();
            Set<String> expectedConflicts = new TreeSet<>();
            Map<String, Integer> people = threeWay(b.people(), s.people(), t.people(), "node", expectedConflicts);
            Map<String, String> edges = threeWay(b.edges(), s.edges(), t.edges(), "edge", expectedConflicts);
            if (expectedConflicts.isEmpty()) {
                edges.forEach((id, v) -> {
                    String[] ends = v.split("->");
                    if (!people.containsKey(ends[0]) || !people.containsKey(ends[1])) {
                        expectedConflicts.add("orphan_edge:" + id);
                    }
                });
            }
            if (!expectedConflicts.isEmpty()) {
                conflicts.incrementAndGet();
                try {
                    m.merge(src, tgt);
                    throw new AssertionError("expected conflicts " + expectedConflicts + " but the merge succeeded");
                } catch (EngineException.MergeConflicts e) {
                    Set<String> got = new TreeSet<>();
                    e.conflicts().forEach(c -> got.add(c.kind().wire() + ":" + m.modelId(c.entityId().orElse("?"))));
                    assertThat(got).isEqualTo(expectedConflicts);
                    got.forEach(k -> kinds.computeIfAbsent(k.substring(0, k.indexOf(':')), x -> new AtomicInteger()).incrementAndGet());
                }
                assertThat(head(m, tgt)).as("nothing published").isEqualTo(th);
                return;
            }
            MergeResult r = m.merge(src, tgt);
            MergeOutcome expected = base.equals(th) ? MergeOutcome.FAST_FORWARD : MergeOutcome.MERGED;
            assertThat(r.outcome()).isEqualTo(expected);
            assertThat(r.mergeBase()).contains(base);
            count(r.outcome());
            Commit c = r.commit().orElseThrow();
            assertThat(c.parents()).containsExactly(th, sh);
            State after = new State(people, edges);
            long gen = Math.max(dag.get(th).generation(), dag.get(sh).generation()) + 1;
            assertThat(c.generation()).isEqualTo(gen);
            dag.put(c.id(), new ModelCommit(c.id(), c.parents(), gen, after));
            branches.put(tgt, c.id());
            checkChanges(m, h, c, t, after);
        }

        void count(MergeOutcome o) {
            outcomes.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet();
        }

        /** engine.md §2.3 truth table on maps. */
        static <V> Map<String, V> threeWay(Map<String, V> b, Map<String, V> s, Map<String, V> t, String kind, Set<String> conflicts) {
            Set<String> ids = new TreeSet<>(b.keySet());
            ids.addAll(s.keySet());
            ids.addAll(t.keySet());
            Map<String, V> out = new TreeMap<>();
            for (String id : ids) {
                V bv = b.get(id);
                V sv = s.get(id);
                V tv = t.get(id);
                V result;
                if (Objects.equals(sv, bv)) {
                    result = tv;
                } else if (Objects.equals(tv, bv)) {
                    result = sv;
                } else if (Objects.equals(sv, tv)) {
                    result = tv;
                } else {
                    conflicts.add((bv == null ? "divergent_insert" : (sv == null || tv == null) ? "delete_vs_update"
                            : "divergent_update") + ":" + id);
                    continue;
                }
                if (result != null) {
                    out.put(id, result);
                }
            }
            return out;
        }

        /** Exhaustive merge base: common ancestors not below another common ancestor; highest generation, then smallest id. */
        String mergeBase(String a, String b) {
            Set<String> anc = ancestors(a);
            Set<String> common = new HashSet<>(ancestors(b));
            common.retainAll(anc);
            List<String> best = new ArrayList<>();
            for (String c : common) {
                boolean dominated = false;
                for (String o : common) {
                    if (!o.equals(c) && ancestors(o).contains(c)) {
                        dominated = true;
                        break;
                    }
                }
                if (!dominated) {
                    best.add(c);
                }
            }
            best.sort(Comparator.comparingLong((String id) -> dag.get(id).generation()).reversed().thenComparing(id -> id));
            return best.get(0);
        }

        Set<String> ancestors(String id) {
            Set<String> seen = new HashSet<>();
            List<String> todo = new ArrayList<>(List.of(id));
            while (!todo.isEmpty()) {
                String c = todo.remove(todo.size() - 1);
                if (seen.add(c)) {
                    todo.addAll(dag.get(c).parents());
                }
            }
            return seen;
        }

        void checkChanges(ModelDriver m, ChangeHistory h, Commit c, State before, State after) {
            Set<String> expected = new TreeSet<>();
            diff(before.people(), after.people(), expected);
            diff(before.edges(), after.edges(), expected);
            Set<String> got = new TreeSet<>();
            for (EntityChange ch : h.commitChanges(c.id())) {
                got.add(m.modelId(ch.id()) + ":" + ch.op().wire());
            }
            assertThat(got).as("entity changes of commit " + c.id()).isEqualTo(expected);
        }

        static <V> void diff(Map<String, V> before, Map<String, V> after, Set<String> out) {
            Set<String> ids = new TreeSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (String id : ids) {
                V b = before.get(id);
                V a = after.get(id);
                if (b == null && a != null) {
                    out.add(id + ":insert");
                } else if (b != null && a == null) {
                    out.add(id + ":delete");
                } else if (b != null && !b.equals(a)) {
                    out.add(id + ":update");
                }
            }
        }

        void check(ModelDriver m) {
            assertThat(m.store().listBranches()).containsExactlyElementsOf(branches.keySet());
            for (Map.Entry<String, String> e : branches.entrySet()) {
                assertThat(head(m, e.getKey())).as("head of " + e.getKey()).isEqualTo(e.getValue());
                State s = dag.get(e.getValue()).state();
                assertThat(m.people(ReadTarget.branch(e.getKey()))).as("people on " + e.getKey()).isEqualTo(new TreeMap<>(s.people()));
                assertThat(m.edges(ReadTarget.branch(e.getKey()))).as("edges on " + e.getKey()).isEqualTo(new TreeMap<>(s.edges()));
            }
            // an old snapshot never changes
            List<String> ids = new ArrayList<>(new TreeSet<>(dag.keySet()));
            String old = ids.get(rnd.nextInt(ids.size()));
            State s = dag.get(old).state();
            assertThat(m.people(ReadTarget.commit(old))).isEqualTo(new TreeMap<>(s.people()));
            assertThat(m.edges(ReadTarget.commit(old))).isEqualTo(new TreeMap<>(s.edges()));
        }
    }
}
