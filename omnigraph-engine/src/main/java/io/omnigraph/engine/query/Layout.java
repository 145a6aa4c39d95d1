package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.query.ir.VarKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a relation: slot 0 is reserved for the row tag used by anti-joins, slots 1.. are variables. A
 * negation's layout holds its outer references and its own local variables (locals of different blocks may share
 * a name, so every block has its own layout).
 */
final class Layout {
    static final int TAG = 0;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Slot> byName = new LinkedHashMap<>();

    Layout() {
        slots.add(null);
    }

    Slot add(String var, VarKind kind, EntityType type, GraphSource graph) {
        Slot existing = byName.get(var);
        if (existing != null) {
            return existing;
        }
        Slot s = new Slot(slots.size(), var, kind, type, graph.table(type));
        slots.add(s);
        byName.put(var, s);
        return s;
    }

    Slot copyFrom(Slot outer) {
        Slot s = new Slot(slots.size(), outer.var(), outer.kind(), outer.type(), outer.table());
        slots.add(s);
        byName.put(outer.var(), s);
        return s;
    }

    Optional<Slot> find(String var) {
        return Optional.ofNullable(byName.get(var));
    }

    Slot get(String var) {
        Slot s = byName.get(var);
        if (s == null) {
            throw new IllegalStateException("variable $" + var + " has no slot");
        }
        return s;
    }

    int width() {
        return slots.size();
    }

    List<Slot> variables() {
        return slots.subList(1, slots.size());
    }
}
