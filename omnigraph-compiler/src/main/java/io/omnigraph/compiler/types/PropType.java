package io.omnigraph.compiler.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A property (or parameter, or expression) type: scalar kind, nullability, list-ness, enum value set and vector
 * dimension. Immutable.
 *
 * <ul>
 *   <li>{@code enumValues} is empty unless the type is an {@code enum(...)}; then the scalar is {@link ScalarKind#STRING}
 *       and the values are sorted (byte-wise) and distinct.</li>
 *   <li>{@code vectorDim} is 0 unless the scalar is {@link ScalarKind#VECTOR}; then it is 1..2^31-1.</li>
 *   <li>{@code list} types have a base scalar other than Blob and Vector.</li>
 * </ul>
 * Equality compares (scalar, nullable, list, enum set, dimension) — the type equality of spec §1.2.
 */
public record PropType(ScalarKind scalar, boolean nullable, boolean list, List<String> enumValues, int vectorDim) {

    public PropType {
        Objects.requireNonNull(scalar, "scalar");
        enumValues = List.copyOf(new TreeSet<>(enumValues));
        if (!enumValues.isEmpty() && scalar != ScalarKind.STRING) {
            throw new IllegalArgumentException("enum values on a non-String type");
        }
        if (scalar == ScalarKind.VECTOR) {
            if (vectorDim < 1) {
                throw new IllegalArgumentException("vector dimension must be >= 1");
            }
            if (list) {
                throw new IllegalArgumentException("lists of vectors are not supported");
            }
        } else if (vectorDim != 0) {
            throw new IllegalArgumentException("vector dimension on a non-vector type");
        }
        if (list && scalar == ScalarKind.BLOB) {
            throw new IllegalArgumentException("lists of Blob are not supported");
        }
    }

    public static PropType of(ScalarKind scalar) {
        if (scalar == ScalarKind.VECTOR) {
            throw new IllegalArgumentException("use PropType.vector(n)");
        }
        return new PropType(scalar, false, false, List.of(), 0);
    }

    public static PropType vector(int dim) {
        return new PropType(ScalarKind.VECTOR, false, false, List.of(), dim);
    }

    public static PropType listOf(ScalarKind element) {
        return new PropType(element, false, true, List.of(), 0);
    }

    public static PropType enumOf(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an enum needs at least one value");
        }
        return new PropType(ScalarKind.STRING, false, false, values, 0);
    }

    public PropType asNullable() {
        return new PropType(scalar, true, list, enumValues, vectorDim);
    }

    public PropType asNonNull() {
        return new PropType(scalar, false, list, enumValues, vectorDim);
    }

    public PropType withNullable(boolean n) {
        return n ? asNullable() : asNonNull();
    }

    /** The type of one list element (non-null); for a non-list type, the type itself as non-null. */
    public PropType element() {
        return new PropType(scalar, false, false, enumValues, vectorDim);
    }

    /** The same element type wrapped in a list. */
    public PropType asList() {
        return new PropType(scalar, nullable, true, enumValues, 0);
    }

    public boolean isEnum() {
        return !enumValues.isEmpty();
    }

    public boolean isVector() {
        return scalar == ScalarKind.VECTOR;
    }

    public boolean isBlob() {
        return scalar == ScalarKind.BLOB && !list;
    }

    /** A non-list numeric scalar. */
    public boolean isNumeric() {
        return !list && scalar.isNumeric();
    }

    /** A non-list String scalar (including enums). */
    public boolean isString() {
        return !list && scalar == ScalarKind.STRING;
    }

    /** A non-list scalar that can be compared with {@code = < …} (not Vector, not Blob). */
    public boolean isComparableScalar() {
        return !list && scalar != ScalarKind.VECTOR && scalar != ScalarKind.BLOB;
    }

    /**
     * {@code compatible(a, b)} of spec §2.3: same list-ness and (same scalar, or both numeric). Enums count as String;
     * nullability is ignored.
     */
    public boolean compatibleWith(PropType other) {
        return list == other.list && (scalar == other.scalar || (scalar.isNumeric() && other.scalar.isNumeric()));
    }

    /** Source-style display: {@code String}, {@code Vector(4)}, {@code [I32]}, {@code enum(a, b)}, plus {@code ?}. */
    public String display() {
        String base;
        if (isEnum()) {
            base = "enum(" + String.join(", ", enumValues) + ")";
        } else if (isVector()) {
            base = "Vector(" + vectorDim + ")";
        } else {
            base = scalar.sourceName();
        }
        if (list) {
            base = "[" + base + "]";
        }
        return nullable ? base + "?" : base;
    }

    /** The Arrow type named in strict-load messages: {@code Int32}, {@code List(Utf8)}, {@code FixedSizeList(4 x Float32)}. */
    public String arrowDisplay() {
        if (isVector()) {
            return "FixedSizeList(" + vectorDim + " x Float32)";
        }
        return list ? "List(" + scalar.arrowName() + ")" : scalar.arrowName();
    }

    /**
     * The serialized type object used in the schema IR and in migration steps:
     * {@code {"scalar":"String","nullable":true,"list":false,"enum_values":null}}; a vector's scalar is
     * {@code {"Vector":4}}; an enum has {@code "scalar":"String"} and its sorted {@code enum_values}.
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (isVector()) {
            o.putObject("scalar").put("Vector", vectorDim);
        } else {
            o.put("scalar", scalar.sourceName());
        }
        o.put("nullable", nullable);
        o.put("list", list);
        if (isEnum()) {
            ArrayNode a = o.putArray("enum_values");
            enumValues.forEach(a::add);
        } else {
            o.putNull("enum_values");
        }
        return o;
    }

    /** Inverse of {@link #toJson()}. */
    public static PropType fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("type must be an object");
        }
        JsonNode s = n.get("scalar");
        boolean nullable = requireBool(n, "nullable");
        boolean list = requireBool(n, "list");
        JsonNode ev = n.get("enum_values");
        List<String> values = new ArrayList<>();
        if (ev != null && !ev.isNull()) {
            if (!ev.isArray()) {
                throw new IllegalArgumentException("enum_values must be an array or null");
            }
            ev.forEach(v -> {
                if (!v.isTextual()) {
                    throw new IllegalArgumentException("enum values must be strings");
                }
                values.add(v.asText());
            });
            if (values.isEmpty()) {
                throw new IllegalArgumentException("enum_values must not be empty");
            }
        }
        if (s != null && s.isObject()) {
            JsonNode dim = s.get("Vector");
            if (dim == null || !dim.canConvertToInt() || !dim.isIntegralNumber() || s.size() != 1) {
                throw new IllegalArgumentException("bad vector scalar " + s);
            }
            return new PropType(ScalarKind.VECTOR, nullable, list, values, dim.intValue());
        }
        if (s == null || !s.isTextual()) {
            throw new IllegalArgumentException("scalar must be a string or {\"Vector\":n}");
        }
        ScalarKind k = ScalarKind.fromSourceName(s.asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown scalar " + s.asText()));
        return new PropType(k, nullable, list, values, 0);
    }

    private static boolean requireBool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be a boolean");
        }
        return v.booleanValue();
    }

    @Override
    public String toString() {
        return display();
    }
}
