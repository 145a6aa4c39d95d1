package io.omnigraph.reliability.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reference model's view of one graph version: per type, id → row. A row maps property names to non-null
 * values; edge rows also hold their endpoints under {@link #FROM} and {@link #TO}. Immutable; every change returns a
 * new state.
 */
final class State {
    static final String FROM = "@from";
    static final String TO = "@to";

    private final SortedMap<String, SortedMap<String, Map<String, Object>>> types;

    private State(SortedMap<String, SortedMap<String, Map<String, Object>>> types) {
        this.types = types;
    }

    static State empty(SimSchema schema) {
        SortedMap<String, SortedMap<String, Map<String, Object>>> t = new TreeMap<>();
        for (String name : schema.typeNames()) {
            t.put(name, new TreeMap<>());
        }
        return new State(t);
    }

    static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    Builder edit() {
        SortedMap<String, SortedMap<String, Map<String, Object>>> copy = new TreeMap<>();
        types.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return new Builder(copy);
    }

    /** The same rows under another schema: added types start empty (additive evolutions only). */
    State withSchema(SimSchema schema) {
        Builder b = edit();
        for (String name : schema.typeNames()) {
            b.types.computeIfAbsent(name, k -> new TreeMap<>());
        }
        return b.build();
    }

    SortedMap<String, Map<String, Object>> rows(String type) {
        return Collections.unmodifiableSortedMap(types.getOrDefault(type, new TreeMap<>()));
    }

    boolean has(String type, String id) {
        return rows(type).containsKey(id);
    }

    java.util.Set<String> typeNames() {
        return types.keySet();
    }

    int size() {
        return types.values().stream().mapToInt(Map::size).sum();
    }

    /** Every edge's endpoints exist (referential integrity of a published snapshot). */
    List<String> integrityProblems(SimSchema schema) {
        List<String> out = new ArrayList<>();
        for (SimSchema.EdgeT e : schema.edges()) {
            rows(e.name()).forEach((id, row) -> {
                if (!has(e.from(), (String) row.get(FROM))) {
                    out.add("edge " + e.name() + " '" + id + "' has a dangling source '" + row.get(FROM) + "'");
                }
                if (!has(e.to(), (String) row.get(TO))) {
                    out.add("edge " + e.name() + " '" + id + "' has a dangling target '" + row.get(TO) + "'");
                }
            });
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof State s && types.equals(s.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(types);
    }

    @Override
    public String toString() {
        return types.toString();
    }

    /** A readable difference (for failure messages). */
    String diff(State other) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> names = new java.util.TreeSet<>(types.keySet());
        names.addAll(other.types.keySet());
        for (String t : names) {
            SortedMap<String, Map<String, Object>> a = rows(t);
            SortedMap<String, Map<String, Object>> b = other.rows(t);
            java.util.Set<String> ids = new java.util.TreeSet<>(a.keySet());
            ids.addAll(b.keySet());
            for (String id : ids) {
                if (!Objects.equals(a.get(id), b.get(id))) {
                    sb.append("\n    ").append(t).append(" '").append(id).append("': expected ").append(a.get(id))
                            .append(", found ").append(b.get(id));
                }
            }
        }
        return sb.toString();
    }

    static final class Builder {
        final SortedMap<String, SortedMap<String, Map<String, Object>>> types;

        Builder(SortedMap<String, SortedMap<String, Map<String, Object>>> types) {
            this.types = types;
        }

        Builder put(String type, String id, Map<String, Object> row) {
            types.computeIfAbsent(type, k -> new TreeMap<>()).put(id, Map.copyOf(row));
            return this;
        }

        Builder remove(String type, String id) {
            SortedMap<String, Map<String, Object>> m = types.get(type);
            if (m != null) {
                m.remove(id);
            }
            return this;
        }

        Builder clear(String type) {
            types.put(type, new TreeMap<>());
            return this;
        }

        Map<String, Object> get(String type, String id) {
            SortedMap<String, Map<String, Object>> m = types.get(type);
            return m == null ? null : m.get(id);
        }

        SortedMap<String, Map<String, Object>> rows(String type) {
            return types.computeIfAbsent(type, k -> new TreeMap<>());
        }

        State build() {
            SortedMap<String, SortedMap<String, Map<String, Object>>> copy = new TreeMap<>();
            types.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
            return new State(copy);
        }
    }
}
