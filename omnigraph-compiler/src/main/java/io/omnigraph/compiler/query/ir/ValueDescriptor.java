package io.omnigraph.compiler.query.ir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.types.PropType;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Shape of a parameter or result column for clients (MCP JSON Schemas, lint {@code --json}):
 * kind, nullability, list item kind, vector dimension, enum values (for String parameters matched against enums
 * this stays empty: parameters are declared as String).
 */
public record ValueDescriptor(String name, ValueKind kind, boolean nullable, Optional<ValueKind> itemKind,
                              OptionalInt vectorDim) {
    public ValueDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A JSON Schema (draft 2020-12 vocabulary) for values of this shape, e.g. for MCP tool input schemas:
     * string/boolean/integer/number, dates as {@code format: date|date-time}, vectors as fixed-length number arrays,
     * lists as arrays of the item schema; nullable adds {@code "null"} to the type.
     */
    public ObjectNode toJsonSchema() {
        ObjectNode o = scalarSchema(kind == ValueKind.LIST ? itemKind.orElse(ValueKind.STRING) : kind);
        if (kind == ValueKind.LIST) {
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.put("type", "array");
            list.set("items", o);
            o = list;
        }
        if (nullable) {
            String type = o.get("type").asText();
            o.putArray("type").add(type).add("null");
        }
        return o;
    }

    private ObjectNode scalarSchema(ValueKind k) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (k) {
            case STRING, BLOB -> o.put("type", "string");
            case BOOL -> o.put("type", "boolean");
            case INT, BIGINT -> o.put("type", "integer");
            case FLOAT -> o.put("type", "number");
            case DATE -> o.put("type", "string").put("format", "date");
            case DATETIME -> o.put("type", "string").put("format", "date-time");
            case VECTOR -> {
                o.put("type", "array");
                o.putObject("items").put("type", "number");
                vectorDim.ifPresent(n -> o.put("minItems", n).put("maxItems", n));
            }
            case LIST -> o.put("type", "array");
        }
        return o;
    }

    public static ValueDescriptor of(String name, PropType t) {
        return new ValueDescriptor(name, ValueKind.of(t), t.nullable(),
                t.list() ? Optional.of(ValueKind.ofScalar(t)) : Optional.empty(),
                t.isVector() ? OptionalInt.of(t.vectorDim()) : OptionalInt.empty());
    }
}
