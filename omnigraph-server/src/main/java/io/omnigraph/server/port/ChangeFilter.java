package io.omnigraph.server.port;

import io.omnigraph.server.api.ChangeOp;
import io.omnigraph.server.api.EntityKind;
import java.util.List;

/** Scope of a change read; an empty list means "all". */
public record ChangeFilter(List<EntityKind> kinds, List<String> types, List<ChangeOp> ops) {
    public static final ChangeFilter ALL = new ChangeFilter(List.of(), List.of(), List.of());

    public ChangeFilter {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        types = types == null ? List.of() : List.copyOf(types);
        ops = ops == null ? List.of() : List.copyOf(ops);
    }
}
