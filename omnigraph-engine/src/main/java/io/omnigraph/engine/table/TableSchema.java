package io.omnigraph.engine.table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The physical schema of one node or edge table. {@code tableKey} is the stable storage identity of the table (the
 * catalog maps a type's stable id + incarnation onto it, e.g. {@code n0000000000000003-01}); it names the segment
 * folder and is the key in commit objects, so it must match {@link #TABLE_KEY}. {@code typeName} is the current
 * (renamable) type name. Columns start with {@code id} (edges: {@code id, src, dst}); names and field ids are unique.
 */
public record TableSchema(String tableKey, String typeName, TableKind kind, List<ColumnSpec> columns) {
    /** Allowed table keys: 1–128 chars of letters, digits, '_', '-', '.', starting with a letter or digit. */
    public static final Pattern TABLE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public TableSchema {
        Objects.requireNonNull(tableKey, "tableKey");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        if (!TABLE_KEY.matcher(tableKey).matches()) {
            throw new IllegalArgumentException("invalid table key '" + tableKey + "': use 1-128 letters, digits, '_', '-', '.'");
        }
        int system = kind == TableKind.EDGE ? 3 : 1;
        List<ColumnSpec> expected = kind == TableKind.EDGE
                ? List.of(ColumnSpec.id(), ColumnSpec.src(), ColumnSpec.dst()) : List.of(ColumnSpec.id());
        if (columns.size() < system || !columns.subList(0, system).equals(expected)) {
            throw new IllegalArgumentException("table '" + tableKey + "': a " + kind.text() + " table must start with "
                    + (kind == TableKind.EDGE ? "id, src, dst" : "id") + " (non-null strings with the system field ids)");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            if (i >= system && c.isSystem()) {
                throw new IllegalArgumentException("table '" + tableKey + "': column '" + c.name() + "' uses a system field id");
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("table '" + tableKey + "': duplicate column name '" + c.name() + "'");
            }
            if (!ids.add(c.fieldId())) {
                throw new IllegalArgumentException("table '" + tableKey + "': duplicate field id " + c.fieldId());
            }
        }
    }

    public static TableSchema node(String tableKey, String typeName, List<ColumnSpec> properties) {
        return new TableSchema(tableKey, typeName, TableKind.NODE,
                concat(List.of(ColumnSpec.id()), properties));
    }

    public static TableSchema edge(String tableKey, String typeName, List<ColumnSpec> properties) {
        return new TableSchema(tableKey, typeName, TableKind.EDGE,
                concat(List.of(ColumnSpec.id(), ColumnSpec.src(), ColumnSpec.dst()), properties));
    }

    private static List<ColumnSpec> concat(List<ColumnSpec> a, List<ColumnSpec> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Index of the column with that name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<ColumnSpec> column(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    /** Map field id → column index. */
    public Map<Integer, Integer> fieldIndex() {
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i).fieldId(), i);
        }
        return m;
    }

    /** The schema of a delete segment of this table: just {@code id}. */
    public TableSchema idsOnly() {
        return new TableSchema(tableKey, typeName, TableKind.NODE, List.of(ColumnSpec.id()));
    }

    /**
     * A short stable hash of what decoding depends on (field ids, types, nullability, names), used in cache keys so a
     * segment decoded for one schema is never served for another.
     */
    public String fingerprint() {
        String f = FINGERPRINTS.get(this);
        if (f == null) {
            if (FINGERPRINTS.size() > 4_096) {
                FINGERPRINTS.clear(); // a bound, not an eviction policy: schemas in use are few
            }
            f = computeFingerprint();
            FINGERPRINTS.put(this, f);
        }
        return f;
    }

    /** Fingerprints by schema value: they are asked for on every table read, and hashing is not free. */
    private static final java.util.concurrent.ConcurrentHashMap<TableSchema, String> FINGERPRINTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private String computeFingerprint() {
        StringBuilder sb = new StringBuilder(kind.text());
        for (ColumnSpec c : columns) {
            sb.append('|').append(c.name()).append(':').append(c.fieldId()).append(':').append(c.type().text())
                    .append(c.nullable() ? "?" : "");
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
