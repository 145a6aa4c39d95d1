package io.omnigraph.server.mcp;

import io.omnigraph.server.api.ParamDescriptor;
import io.omnigraph.server.api.ParamKind;
import io.omnigraph.server.api.QueryCatalogEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas (as plain maps, the form the MCP SDK serializes) for tool inputs: a small builder for the built-in
 * tools, and the schema of a stored query derived from its {@code .gq} declaration (the same typing as the
 * compiler's {@code ValueDescriptor.toJsonSchema}, except that 64-bit integers also accept decimal strings, as the
 * parameter binder does).
 */
final class Schemas {
    private Schemas() {
    }

    /** An object schema under construction. */
    static final class ObjectSchema {
        private final Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        ObjectSchema required(String name, Map<String, Object> schema) {
            properties.put(name, schema);
            required.add(name);
            return this;
        }

        ObjectSchema optional(String name, Map<String, Object> schema) {
            properties.put(name, schema);
            return this;
        }

        boolean has(String name) {
            return properties.containsKey(name);
        }

        /** A copy with one more required property placed first (the server-scoped endpoint's {@code graph}). */
        ObjectSchema withFirstRequired(String name, Map<String, Object> schema) {
            ObjectSchema o = new ObjectSchema();
            o.required(name, schema);
            properties.forEach((k, v) -> {
                if (required.contains(k)) {
                    o.required(k, v);
                } else {
                    o.optional(k, v);
                }
            });
            return o;
        }

        Map<String, Object> build() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "object");
            m.put("properties", new LinkedHashMap<>(properties));
            if (!required.isEmpty()) {
                m.put("required", List.copyOf(required));
            }
            m.put("additionalProperties", false);
            return m;
        }
    }

    static ObjectSchema object() {
        return new ObjectSchema();
    }

    static Map<String, Object> string(String description) {
        return typed("string", description);
    }

    static Map<String, Object> bool(String description) {
        return typed("boolean", description);
    }

    static Map<String, Object> anyObject(String description) {
        Map<String, Object> m = typed("object", description);
        m.put("additionalProperties", true);
        return m;
    }

    static Map<String, Object> enumOf(String description, List<String> values) {
        Map<String, Object> m = typed("string", description);
        m.put("enum", List.copyOf(values));
        return m;
    }

    private static Map<String, Object> typed(String type, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("description", description);
        return m;
    }

    /**
     * The input schema of stored query {@code q}: one property per declared parameter (typed from the declaration;
     * nullable parameters are optional and accept {@code null}; the others are required), plus {@code branch} (and
     * for reads {@code snapshot}) unless a parameter already has that name.
     */
    static ObjectSchema storedQuery(QueryCatalogEntry q) {
        ObjectSchema o = new ObjectSchema();
        for (ParamDescriptor p : q.params()) {
            Map<String, Object> s = param(p);
            String what = "parameter $" + p.name() + " (" + typeName(p) + (p.nullable() ? ", nullable" : "") + ")";
            s.put("description", what);
            if (p.nullable()) {
                o.optional(p.name(), s);
            } else {
                o.required(p.name(), s);
            }
        }
        if (!o.has(StoredQueryTools.BRANCH)) {
            o.optional(StoredQueryTools.BRANCH, string(q.mutation()
                    ? "branch to write to (default main)" : "branch to read (default main); not with snapshot"));
        }
        if (!q.mutation() && !o.has(StoredQueryTools.SNAPSHOT)) {
            o.optional(StoredQueryTools.SNAPSHOT, string("snapshot id to read (time travel); not with branch"));
        }
        return o;
    }

    /** The JSON Schema of one parameter value (bigint, date, datetime and blob travel as strings). */
    static Map<String, Object> param(ParamDescriptor p) {
        Map<String, Object> s = value(p.kind(), p);
        if (p.nullable()) {
            List<Object> types = new ArrayList<>();
            if (s.get("type") instanceof List<?> l) {
                types.addAll(l);
            } else {
                types.add(s.get("type"));
            }
            types.add("null");
            s.put("type", List.copyOf(types));
        }
        return s;
    }

    private static Map<String, Object> value(ParamKind kind, ParamDescriptor p) {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (kind) {
            case STRING, BLOB -> s.put("type", "string");
            case BOOL -> s.put("type", "boolean");
            case INT -> s.put("type", "integer");
            case FLOAT -> s.put("type", "number");
            case BIGINT -> {
                // I64/U64: a JSON integer, or a decimal string for magnitudes beyond 2^53 (JavaScript clients)
                s.put("type", List.of("integer", "string"));
                s.put("pattern", "^-?[0-9]+$");
            }
            case DATE -> {
                s.put("type", "string");
                s.put("format", "date");
            }
            case DATETIME -> {
                s.put("type", "string");
                s.put("format", "date-time");
            }
            case VECTOR -> {
                s.put("type", "array");
                s.put("items", Map.of("type", "number"));
                p.vectorDim().ifPresent(d -> {
                    s.put("minItems", d);
                    s.put("maxItems", d);
                });
            }
            case LIST -> {
                s.put("type", "array");
                p.itemKind().ifPresent(k -> s.put("items", value(k, p)));
            }
        }
        return s;
    }

    private static String typeName(ParamDescriptor p) {
        return switch (p.kind()) {
            case LIST -> "list of " + p.itemKind().map(ParamKind::wire).orElse("values");
            case VECTOR -> "vector" + p.vectorDim().map(d -> "(" + d + ")").orElse("");
            default -> p.kind().wire();
        };
    }
}
