package io.omnigraph.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.omnigraph.engine.table.TableSchema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code schemas/<sha256>.json}: the accepted schema, content-addressed. {@code source} is the .pg text, {@code ir}
 * the compiler's IR (opaque here), {@code tables} the physical table schemas the engine stores data under.
 * {@code digest} = {@code "sha256:" + hex(sha256(canonical JSON of {format_version, source, ir, tables}))}.
 */
public record SchemaObject(int formatVersion, String digest, String source, JsonNode ir, Map<String, TableSchema> tables) {
    public SchemaObject {
        Objects.requireNonNull(digest, "digest");
        source = source == null ? "" : source;
        ir = ir == null ? NullNode.getInstance() : ir;
        tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
        for (Map.Entry<String, TableSchema> e : tables.entrySet()) {
            if (!e.getKey().equals(e.getValue().tableKey())) {
                throw new IllegalArgumentException("schema table entry '" + e.getKey() + "' holds table '"
                        + e.getValue().tableKey() + "'");
            }
        }
    }

    /** Builds a schema object and computes its digest. */
    public static SchemaObject create(String source, JsonNode ir, Iterable<TableSchema> tables) {
        Map<String, TableSchema> m = new TreeMap<>();
        for (TableSchema t : tables) {
            if (m.put(t.tableKey(), t) != null) {
                throw new IllegalArgumentException("duplicate table key '" + t.tableKey() + "'");
            }
        }
        JsonNode irNode = ir == null ? NullNode.getInstance() : ir;
        return new SchemaObject(FormatVersion.CURRENT, computeDigest(source == null ? "" : source, irNode, m), source, irNode, m);
    }

    static String computeDigest(String source, JsonNode ir, Map<String, TableSchema> tables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format_version", FormatVersion.CURRENT);
        body.put("source", source);
        body.put("ir", ir);
        body.put("tables", new TreeMap<>(tables));
        return "sha256:" + Json.sha256Hex(Json.encode(body));
    }

    /** True when {@link #digest()} matches the content (checked on every read). */
    public boolean digestMatches() {
        return digest.equals(computeDigest(source, ir, tables));
    }

    public Optional<TableSchema> table(String tableKey) {
        return Optional.ofNullable(tables.get(tableKey));
    }
}
