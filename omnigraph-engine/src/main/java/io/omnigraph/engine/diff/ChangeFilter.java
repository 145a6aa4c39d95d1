package io.omnigraph.engine.diff;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Json;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.TableSchema;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which changes to report: entity kinds, type names and ops (an empty set means "all"). Type names are resolved
 * against a schema to the rename-stable type ids (table keys), so a filter on {@code Person} keeps matching changes
 * recorded before a rename. The {@link #digest()} binds cursors and page tokens to the filter.
 */
public record ChangeFilter(Set<TableKind> kinds, Set<String> typeNames, Set<ChangeOp> ops) {
    public ChangeFilter {
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        typeNames = Collections.unmodifiableSet(new TreeSet<>(typeNames));
        ops = ops.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(ops));
    }

    public static ChangeFilter all() {
        return new ChangeFilter(Set.of(), Set.of(), Set.of());
    }

    /** From wire spellings ({@code node|edge}, type names, {@code insert|update|delete}); bad values are invalid_argument. */
    public static ChangeFilter parse(Collection<String> kinds, Collection<String> types, Collection<String> ops) {
        Set<TableKind> k = EnumSet.noneOf(TableKind.class);
        for (String s : kinds) {
            try {
                k.add(TableKind.parse(s));
            } catch (IllegalArgumentException e) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "kind", e.getMessage());
            }
        }
        Set<ChangeOp> o = EnumSet.noneOf(ChangeOp.class);
        for (String s : ops) {
            try {
                o.add(ChangeOp.parse(s));
            } catch (IllegalArgumentException e) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "op", e.getMessage());
            }
        }
        for (String t : types) {
            if (t.isBlank()) {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "type", "type filter is empty; pass a type name");
            }
        }
        return new ChangeFilter(k, new TreeSet<>(types), o);
    }

    public boolean isAll() {
        return kinds.isEmpty() && typeNames.isEmpty() && ops.isEmpty();
    }

    /** Canonical text of the filter (sorted), hashed into cursors. */
    public String canonical() {
        return "k=" + String.join(",", kinds.stream().map(TableKind::text).sorted().toList())
                + ";t=" + String.join(",", typeNames)
                + ";o=" + String.join(",", ops.stream().map(ChangeOp::wire).sorted().toList());
    }

    /** A short digest of {@link #canonical()}. */
    public String digest() {
        return Json.sha256Hex(canonical().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /**
     * The filter bound to a schema: type names become table keys.
     *
     * @throws EngineException.Invalid a type name the schema does not have (the message lists the known ones)
     */
    public Bound bind(SchemaObject schema) {
        Set<String> keys = new TreeSet<>();
        for (String name : typeNames) {
            String key = null;
            for (TableSchema t : schema.tables().values()) {
                if (t.typeName().equals(name)) {
                    key = t.tableKey();
                }
            }
            if (key == null) {
                Set<String> known = new TreeSet<>();
                schema.tables().values().forEach(t -> known.add(t.typeName()));
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "type", "unknown type '" + name
                        + "' in the type filter; known types: " + String.join(", ", known));
            }
            keys.add(key);
        }
        return new Bound(this, Collections.unmodifiableSet(keys));
    }

    /** A filter with its type names resolved to table keys. */
    public record Bound(ChangeFilter filter, Set<String> tableKeys) {
        public boolean matchesTable(String tableKey, TableKind kind) {
            return (filter.kinds().isEmpty() || filter.kinds().contains(kind))
                    && (tableKeys.isEmpty() || tableKeys.contains(tableKey));
        }

        public boolean matches(EntityChange c) {
            return matches(c.kind(), c.type().id(), c.op());
        }

        public boolean matches(TableKind kind, String tableKey, ChangeOp op) {
            return matchesTable(tableKey, kind) && (filter.ops().isEmpty() || filter.ops().contains(op));
        }
    }
}
