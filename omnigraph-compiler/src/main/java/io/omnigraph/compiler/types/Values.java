package io.omnigraph.compiler.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one implementation of value conversion shared by load, parameters and mutations.
 *
 * <ul>
 *   <li>{@link #fromJson} — JSON → typed value, strict (spec §1.2, §2.3, §3.2): no silent coercion. Parameters
 *       additionally accept decimal-integer strings for integer types.</li>
 *   <li>{@link #coerce} — a typed value (e.g. a query literal) → the declared type of a property: integer range
 *       checks, integer → float widening, list element conversion, number lists → vectors, enum membership.</li>
 *   <li>{@link #toJson} — typed value → output JSON (spec §4).</li>
 * </ul>
 */
public final class Values {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final long JS_SAFE = (1L << 53) - 1;

    /** How integers are written by {@link #toJson}. */
    public enum NumberStyle {
        /** Native JSON numbers (CLI and HTTP rows). */
        NATIVE,
        /** I64/U64 with magnitude above 2^53-1 as decimal strings (SDK / JavaScript mode). */
        JS_SAFE
    }

    private Values() {
    }

    // ------------------------------------------------------------------------------------------------ JSON → value

    /**
     * Converts a JSON value to the declared type. {@code null}, a JSON null or a missing node mean NULL.
     *
     * @throws ValueException with the spec's message when the value does not convert exactly
     */
    public static Value fromJson(JsonNode node, PropType type, ValueTarget target) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (type.nullable()) {
                return Value.NULL;
            }
            throw nullError(type, target);
        }
        if (type.list()) {
            if (!node.isArray()) {
                throw mismatch(node, type, target);
            }
            List<Value> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                if (item.isNull()) {
                    throw new ValueException(ValueErrorCode.NULL_LIST_ITEM, target.isParam()
                            ? "param '" + target.name() + "': list items may not be null"
                            : "list property '" + target.name() + "' items may not be null");
                }
                items.add(scalarFromJson(item, type.element(), type, target));
            }
            return new Value.Array(items);
        }
        return scalarFromJson(node, type, type, target);
    }

    private static Value scalarFromJson(JsonNode node, PropType t, PropType declared, ValueTarget target) {
        switch (t.scalar()) {
            case STRING -> {
                if (!node.isTextual()) {
                    throw mismatch(node, declared, target);
                }
                return checkEnum(node.textValue(), t, target);
            }
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw mismatch(node, declared, target);
                }
                return new Value.Bool(node.booleanValue());
            }
            case I32, I64, U32, U64 -> {
                BigInteger big;
                if (node.isIntegralNumber()) {
                    big = node.bigIntegerValue();
                } else if (target.isParam() && node.isTextual() && DECIMAL_INTEGER.matcher(node.textValue()).matches()) {
                    big = new BigInteger(node.textValue());
                } else {
                    throw mismatch(node, declared, target);
                }
                return new Value.Int(checkIntRange(big, t.scalar(), target));
            }
            case F32, F64 -> {
                if (!node.isNumber()) {
                    throw mismatch(node, declared, target);
                }
                return new Value.Real(checkFloat(node.doubleValue(), t.scalar(), target, node.asText()));
            }
            case DATE -> {
                if (node.isIntegralNumber()) {
                    BigInteger big = node.bigIntegerValue();
                    if (big.bitLength() > 31) {
                        throw rangeError(big.toString(), "Date32", target);
                    }
                    return new Value.Date(big.intValue());
                }
                if (node.isTextual()) {
                    return Dates.parseDate(node.textValue()).<Value>map(Value.Date::new)
                            .orElseThrow(() -> temporalError(node, declared, target));
                }
                throw mismatch(node, declared, target);
            }
            case DATETIME -> {
                if (node.isIntegralNumber()) {
                    BigInteger big = node.bigIntegerValue();
                    if (big.bitLength() > 63) {
                        throw rangeError(big.toString(), "Date64", target);
                    }
                    return new Value.DateTime(big.longValue());
                }
                if (node.isTextual()) {
                    return Dates.parseDateTime(node.textValue()).<Value>map(Value.DateTime::new)
                            .orElseThrow(() -> temporalError(node, declared, target));
                }
                throw mismatch(node, declared, target);
            }
            case VECTOR -> {
                if (!node.isArray()) {
                    throw mismatch(node, declared, target);
                }
                if (node.size() != t.vectorDim()) {
                    throw dimensionError(t.vectorDim(), node.size(), target);
                }
                float[] out = new float[node.size()];
                for (int i = 0; i < out.length; i++) {
                    JsonNode e = node.get(i);
                    if (!e.isNumber()) {
                        throw nonNumericElement(target);
                    }
                    out[i] = (float) checkFloat(e.doubleValue(), ScalarKind.F32, target, e.asText());
                }
                return new Value.Vector(out);
            }
            case BLOB -> {
                if (!node.isTextual()) {
                    throw mismatch(node, declared, target);
                }
                return parseBlob(node.textValue(), target);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Parses the wire form of a Blob: {@code base64:<data>} or an external URI ({@code scheme://…}). */
    public static Value.Blob parseBlob(String text, ValueTarget target) {
        if (text.startsWith("base64:")) {
            try {
                return new Value.BlobBytes(Base64.getDecoder().decode(text.substring(7)));
            } catch (IllegalArgumentException e) {
                throw new ValueException(ValueErrorCode.INVALID_BLOB, subject(target)
                        + " has invalid base64 data after 'base64:'");
            }
        }
        if (URI.matcher(text).matches()) {
            return new Value.BlobUri(text);
        }
        throw new ValueException(ValueErrorCode.INVALID_BLOB, subject(target)
                + " expects 'base64:<data>' or a URI such as s3://bucket/key, got " + quote(text));
    }

    // ------------------------------------------------------------------------------------------------ coercion

    /**
     * Converts an already-typed value (a query literal, or a value of a compatible type) to a declared type.
     * Integers are range-checked and widened to floats when the target is a float; floats never become integers;
     * lists convert element-wise; lists of numbers become vectors; Strings are checked against enum sets and parsed
     * as Blobs for Blob targets.
     *
     * @throws ValueException when the value does not fit
     */
    public static Value coerce(Value value, PropType target, ValueTarget where) {
        if (value.isNull()) {
            if (target.nullable()) {
                return Value.NULL;
            }
            throw nullError(target, where);
        }
        if (target.list()) {
            if (!(value instanceof Value.Array arr)) {
                throw coerceMismatch(value, target, where);
            }
            List<Value> out = new ArrayList<>(arr.items().size());
            for (Value item : arr.items()) {
                if (item.isNull()) {
                    throw new ValueException(ValueErrorCode.NULL_LIST_ITEM, subject(where) + " list items may not be null");
                }
                out.add(coerceScalar(item, target.element(), target, where));
            }
            return new Value.Array(out);
        }
        return coerceScalar(value, target, target, where);
    }

    private static Value coerceScalar(Value value, PropType t, PropType declared, ValueTarget where) {
        return switch (t.scalar()) {
            case STRING -> value instanceof Value.Text s ? checkEnum(s.value(), t, where) : coerceFail(value, declared, where);
            case BOOL -> value instanceof Value.Bool ? value : coerceFail(value, declared, where);
            case I32, I64, U32, U64 -> value instanceof Value.Int i
                    ? new Value.Int(checkIntRange(BigInteger.valueOf(i.value()), t.scalar(), where))
                    : coerceFail(value, declared, where);
            case F32, F64 -> switch (value) {
                case Value.Int i -> new Value.Real(checkFloat((double) i.value(), t.scalar(), where, Long.toString(i.value())));
                case Value.Real r -> new Value.Real(checkFloat(r.value(), t.scalar(), where, Double.toString(r.value())));
                default -> coerceFail(value, declared, where);
            };
            case DATE -> value instanceof Value.Date ? value : coerceFail(value, declared, where);
            case DATETIME -> value instanceof Value.DateTime ? value : coerceFail(value, declared, where);
            case BLOB -> switch (value) {
                case Value.Blob b -> b;
                case Value.Text s -> parseBlob(s.value(), where);
                default -> coerceFail(value, declared, where);
            };
            case VECTOR -> {
                if (value instanceof Value.Vector v) {
                    if (v.dimension() != t.vectorDim()) {
                        throw dimensionError(t.vectorDim(), v.dimension(), where);
                    }
                    yield v;
                }
                if (!(value instanceof Value.Array arr)) {
                    yield coerceFail(value, declared, where);
                }
                if (arr.items().size() != t.vectorDim()) {
                    throw dimensionError(t.vectorDim(), arr.items().size(), where);
                }
                float[] out = new float[arr.items().size()];
                for (int i = 0; i < out.length; i++) {
                    double d = switch (arr.items().get(i)) {
                        case Value.Int n -> n.value();
                        case Value.Real r -> r.value();
                        default -> throw nonNumericElement(where);
                    };
                    out[i] = (float) checkFloat(d, ScalarKind.F32, where, Double.toString(d));
                }
                yield new Value.Vector(out);
            }
        };
    }

    private static Value coerceFail(Value v, PropType t, ValueTarget where) {
        throw coerceMismatch(v, t, where);
    }

    private static ValueException coerceMismatch(Value v, PropType t, ValueTarget where) {
        return new ValueException(ValueErrorCode.TYPE_MISMATCH, subject(where) + " expects " + t.display()
                + ", got " + describe(v));
    }

    // ------------------------------------------------------------------------------------------------ value → JSON

    /** Renders a value as output JSON (spec §4). Blob values render as {@code base64:…} or their URI. */
    public static JsonNode toJson(Value value, PropType type, NumberStyle style) {
        return switch (value) {
            case Value.Null n -> F.nullNode();
            case Value.Text s -> F.textNode(s.value());
            case Value.Bool b -> F.booleanNode(b.value());
            case Value.Int i -> {
                boolean wide = type.scalar() == ScalarKind.I64 || type.scalar() == ScalarKind.U64;
                if (style == NumberStyle.JS_SAFE && wide && (i.value() > JS_SAFE || i.value() < -JS_SAFE)) {
                    yield F.textNode(Long.toString(i.value()));
                }
                yield F.numberNode(i.value());
            }
            case Value.Real r -> doubleNode(r.value());
            case Value.Date d -> F.textNode(Dates.formatDate(d.epochDay()));
            case Value.DateTime dt -> F.textNode(Dates.formatDateTime(dt.epochMillis()));
            case Value.Vector v -> {
                ArrayNode a = F.arrayNode(v.dimension());
                for (int i = 0; i < v.dimension(); i++) {
                    float x = v.get(i);
                    if (Float.isFinite(x)) {
                        a.add((double) x);
                    } else {
                        a.addNull();
                    }
                }
                yield a;
            }
            case Value.Blob b -> F.textNode(b.toString());
            case Value.Array arr -> {
                ArrayNode a = F.arrayNode(arr.items().size());
                PropType element = type.element();
                for (Value item : arr.items()) {
                    a.add(toJson(item, element, style));
                }
                yield a;
            }
        };
    }

    private static JsonNode doubleNode(double d) {
        if (Double.isNaN(d)) {
            return F.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return F.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return F.numberNode(d);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Value checkEnum(String s, PropType t, ValueTarget where) {
        if (t.isEnum() && !t.enumValues().contains(s)) {
            String owner = where.isParam() ? where.name() : where.owner() + "." + where.name();
            throw new ValueException(ValueErrorCode.INVALID_ENUM, "invalid enum value '" + s + "' for " + owner
                    + " (expected: " + String.join(", ", t.enumValues()) + ")");
        }
        return new Value.Text(s);
    }

    private static long checkIntRange(BigInteger v, ScalarKind k, ValueTarget where) {
        if (v.compareTo(BigInteger.valueOf(k.minValue())) < 0 || v.compareTo(BigInteger.valueOf(k.maxValue())) > 0) {
            throw rangeError(v.toString(), k.arrowName(), where);
        }
        return v.longValue();
    }

    private static double checkFloat(double d, ScalarKind k, ValueTarget where, String text) {
        if (!Double.isFinite(d)) {
            throw new ValueException(ValueErrorCode.NON_FINITE, subject(where) + " value " + text + " is not a finite number");
        }
        if (k == ScalarKind.F32) {
            float f = (float) d;
            if (!Float.isFinite(f)) {
                throw rangeError(text, "Float32", where);
            }
            return f;
        }
        return d;
    }

    private static ValueException rangeError(String value, String arrowType, ValueTarget where) {
        return new ValueException(ValueErrorCode.OUT_OF_RANGE, where.isParam()
                ? "param '" + where.name() + "': value " + value + " exceeds " + arrowType + " range"
                : "property '" + where.name() + "' value " + value + " exceeds " + arrowType + " range");
    }

    private static ValueException nullError(PropType type, ValueTarget where) {
        return new ValueException(ValueErrorCode.NULL_NOT_ALLOWED, where.isParam()
                ? "param '" + where.name() + "': expected " + type.display() + ", got null"
                : "non-nullable property '" + where.name() + "' has null or invalid values");
    }

    private static ValueException mismatch(JsonNode node, PropType declared, ValueTarget where) {
        return new ValueException(ValueErrorCode.TYPE_MISMATCH, where.isParam()
                ? "param '" + where.name() + "': expected " + declared.display() + ", got " + abbreviate(node.toString())
                : "strict property '" + where.name() + "' expects " + declared.arrowDisplay() + ", got "
                        + abbreviate(node.toString()));
    }

    private static ValueException temporalError(JsonNode node, PropType declared, ValueTarget where) {
        String expected = declared.scalar() == ScalarKind.DATE ? "a YYYY-MM-DD date"
                : "an RFC 3339 timestamp such as 2024-01-01T12:00:00Z";
        return new ValueException(ValueErrorCode.INVALID_TEMPORAL, where.isParam()
                ? "param '" + where.name() + "': expected " + expected + ", got " + abbreviate(node.toString())
                : "strict property '" + where.name() + "' expects " + declared.arrowDisplay() + " (" + expected
                        + "), got " + abbreviate(node.toString()));
    }

    private static ValueException dimensionError(int expected, int got, ValueTarget where) {
        return new ValueException(ValueErrorCode.VECTOR_DIMENSION, where.isParam()
                ? "param '" + where.name() + "': expected Vector(" + expected + ") with " + expected
                        + " dimensions, got " + got
                : "vector property '" + where.name() + "' expects " + expected + " dimensions, got " + got);
    }

    private static ValueException nonNumericElement(ValueTarget where) {
        return new ValueException(ValueErrorCode.NON_NUMERIC_ELEMENT, where.isParam()
                ? "param '" + where.name() + "': vector elements must be numeric"
                : "vector property '" + where.name() + "' elements must be numeric");
    }

    private static String subject(ValueTarget where) {
        return where.isParam() ? "param '" + where.name() + "'" : "property '" + where.name() + "'";
    }

    /** A short description of a typed value for messages: {@code "x"}, {@code 3}, {@code [1, 2]}. */
    public static String describe(Value v) {
        return switch (v) {
            case Value.Text s -> quote(s.value());
            case Value.Date d -> "date(\"" + d + "\")";
            case Value.DateTime d -> "datetime(\"" + d + "\")";
            default -> abbreviate(v.toString());
        };
    }

    static String quote(String s) {
        return abbreviate(F.textNode(s).toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
