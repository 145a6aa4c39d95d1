package io.omnigraph.reliability.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference model: the schema, every branch's head, and a commit DAG whose nodes carry the expected state.
 * Semantics are written from the user docs (data.md, branching.md), independently of the engine: loads by mode,
 * keyed upserts with full-row replacement, cascading deletes, and the three-way merge truth table over rows with
 * orphan-edge detection. Everything acknowledged enters the model; nothing else does.
 */
final class Model {
    record MCommit(String id, List<String> parents, State state) {
    }

    /** What the model expects of a data op on a state: invalid (a typed failure, nothing published) or a new state. */
    sealed interface Expect {
        record Invalid(String why) implements Expect {
        }

        record Valid(State state) implements Expect {
        }
    }

    /** The predicted outcome of a merge. */
    sealed interface MergeExpect {
        record UpToDate() implements MergeExpect {
        }

        record FastForward(State state) implements MergeExpect {
        }

        record Merged(State state) implements MergeExpect {
        }

        /** kind:type:id of every conflict. */
        record Conflicts(Set<String> conflicts) implements MergeExpect {
        }

        /** Several equally good merge bases: the engine's choice decides; only weaker checks apply. */
        record Ambiguous() implements MergeExpect {
        }
    }

    SimSchema schema;
    final Map<String, String> heads = new TreeMap<>();
    final Map<String, MCommit> dag = new HashMap<>();
    final List<String> commitOrder = new ArrayList<>();

    Model(SimSchema schema, String genesis) {
        this.schema = schema;
        dag.put(genesis, new MCommit(genesis, List.of(), State.empty(schema)));
        commitOrder.add(genesis);
        heads.put("main", genesis);
    }

    State state(String branch) {
        return dag.get(heads.get(branch)).state();
    }

    void commit(String branch, String id, List<String> parents, State state) {
        if (!dag.containsKey(id)) {
            dag.put(id, new MCommit(id, List.copyOf(parents), state));
            commitOrder.add(id);
        }
        heads.put(branch, id);
    }

    // ------------------------------------------------------------------------------------------------ data ops

    Expect expect(Op op, State s) {
        return switch (op) {
            case Op.Load l -> load(l, s);
            case Op.Insert i -> {
                Map<String, Object> row = new TreeMap<>(i.props());
                row.put("name", i.name());
                yield new Expect.Valid(s.edit().put(i.type(), i.name(), row).build());
            }
            case Op.Update u -> {
                Map<String, Object> row = s.rows(u.type()).get(u.name());
                if (row == null) {
                    yield new Expect.Valid(s);
                }
                Map<String, Object> next = new TreeMap<>(row);
                next.put(u.prop(), u.value());
                yield new Expect.Valid(s.edit().put(u.type(), u.name(), next).build());
            }
            case Op.DeleteNode d -> {
                State.Builder b = s.edit();
                b.remove(d.type(), d.name());
                for (SimSchema.EdgeT e : schema.edges()) {
                    for (Map.Entry<String, Map<String, Object>> r : s.rows(e.name()).entrySet()) {
                        if ((e.from().equals(d.type()) && d.name().equals(r.getValue().get(State.FROM)))
                                || (e.to().equals(d.type()) && d.name().equals(r.getValue().get(State.TO)))) {
                            b.remove(e.name(), r.getKey());
                        }
                    }
                }
                yield new Expect.Valid(b.build());
            }
            case Op.DeleteEdgesFrom d -> {
                State.Builder b = s.edit();
                s.rows(d.edge()).forEach((id, row) -> {
                    if (d.src().equals(row.get(State.FROM))) {
                        b.remove(d.edge(), id);
                    }
                });
                yield new Expect.Valid(b.build());
            }
            case Op.Optimize o -> new Expect.Valid(s);
            case Op.SchemaApply a -> heads.keySet().equals(Set.of("main"))
                    ? new Expect.Valid(s.withSchema(a.next()))
                    : new Expect.Invalid("schema apply needs a graph with only main");
            case Op.Merge m -> throw new IllegalArgumentException("merges are predicted by expectMerge");
            case Op.CreateBranch c -> throw new IllegalArgumentException("branch ops carry no data");
            case Op.DeleteBranch c -> throw new IllegalArgumentException("branch ops carry no data");
        };
    }

    private Expect load(Op.Load l, State s) {
        State.Builder b = s.edit();
        Set<String> overwritten = new HashSet<>();
        for (Op.Rec r : l.records()) {
            if (l.mode().equals("append") && s.has(r.type(), r.id())) {
                return new Expect.Invalid("key_conflict: " + r.type() + " '" + r.id() + "' exists");
            }
            if (l.mode().equals("overwrite") && overwritten.add(r.type())) {
                b.clear(r.type());
            }
            Map<String, Object> row = new TreeMap<>(r.props());
            if (r.edge()) {
                row.put(State.FROM, r.from());
                row.put(State.TO, r.to());
            } else {
                row.put("name", r.id());
            }
            b.put(r.type(), r.id(), row);
        }
        State next = b.build();
        List<String> problems = next.integrityProblems(schema);
        return problems.isEmpty() ? new Expect.Valid(next) : new Expect.Invalid(problems.getFirst());
    }

    // ------------------------------------------------------------------------------------------------ merges

    boolean isAncestor(String maybeAncestor, String of) {
        Deque<String> todo = new ArrayDeque<>(List.of(of));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.equals(maybeAncestor)) {
                return true;
            }
            if (seen.add(c)) {
                MCommit mc = dag.get(c);
                if (mc != null) {
                    todo.addAll(mc.parents());
                }
            }
        }
        return false;
    }

    private Set<String> ancestors(String of) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(of));
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (seen.add(c)) {
                MCommit mc = dag.get(c);
                if (mc != null) {
                    todo.addAll(mc.parents());
                }
            }
        }
        return seen;
    }

    /** Common ancestors that are not ancestors of another common ancestor. */
    Set<String> bestBases(String a, String b) {
        Set<String> common = ancestors(a);
        common.retainAll(ancestors(b));
        Set<String> best = new TreeSet<>(common);
        for (String c : common) {
            for (String other : common) {
                if (!other.equals(c) && isAncestor(c, other)) {
                    best.remove(c);
                    break;
                }
            }
        }
        return best;
    }

    MergeExpect expectMerge(String source, String target, Optional<String> engineBase) {
        return expectMergeOf(heads.get(source), heads.get(target), engineBase);
    }

    /** A merge of source commit {@code sh} into target commit {@code th}. */
    MergeExpect expectMergeOf(String sh, String th, Optional<String> engineBase) {
        if (sh.equals(th) || isAncestor(sh, th)) {
            return new MergeExpect.UpToDate();
        }
        if (isAncestor(th, sh)) {
            return new MergeExpect.FastForward(dag.get(sh).state());
        }
        Set<String> bases = bestBases(sh, th);
        String base;
        if (bases.size() == 1) {
            base = bases.iterator().next();
        } else if (engineBase.isPresent() && bases.contains(engineBase.get())) {
            base = engineBase.get();
        } else {
            return new MergeExpect.Ambiguous();
        }
        return threeWay(dag.get(base).state(), dag.get(sh).state(), dag.get(th).state());
    }

    MergeExpect threeWay(State base, State src, State tgt) {
        State.Builder out = State.builder();
        Set<String> conflicts = new TreeSet<>();
        Set<String> types = new TreeSet<>(base.typeNames());
        types.addAll(src.typeNames());
        types.addAll(tgt.typeNames());
        for (String t : types) {
            out.rows(t);
            Set<String> ids = new TreeSet<>(base.rows(t).keySet());
            ids.addAll(src.rows(t).keySet());
            ids.addAll(tgt.rows(t).keySet());
            for (String id : ids) {
                Map<String, Object> b = base.rows(t).get(id);
                Map<String, Object> s = src.rows(t).get(id);
                Map<String, Object> g = tgt.rows(t).get(id);
                Map<String, Object> result;
                if (Objects.equals(s, g) || Objects.equals(b, s)) {
                    result = g;
                } else if (Objects.equals(b, g)) {
                    result = s;
                } else {
                    String kind = b == null ? "divergent_insert" : (s == null || g == null) ? "delete_vs_update" : "divergent_update";
                    conflicts.add(kind + ":" + t + ":" + id);
                    continue;
                }
                if (result != null) {
                    out.put(t, id, result);
                }
            }
        }
        State merged = out.build();
        if (conflicts.isEmpty()) {
            for (SimSchema.EdgeT e : schema.edges()) {
                merged.rows(e.name()).forEach((id, row) -> {
                    if (!merged.has(e.from(), (String) row.get(State.FROM)) || !merged.has(e.to(), (String) row.get(State.TO))) {
                        conflicts.add("orphan_edge:" + e.name() + ":" + id);
                    }
                });
            }
        }
        return conflicts.isEmpty() ? new MergeExpect.Merged(merged) : new MergeExpect.Conflicts(conflicts);
    }

    /** A random commit of the DAG (for immutability checks of old snapshots). */
    String someCommit(java.util.SplittableRandom r) {
        return commitOrder.get(r.nextInt(commitOrder.size()));
    }

    static SortedMap<String, Integer> countByType(State s) {
        SortedMap<String, Integer> out = new TreeMap<>();
        for (String t : s.typeNames()) {
            out.put(t, s.rows(t).size());
        }
        return out;
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
