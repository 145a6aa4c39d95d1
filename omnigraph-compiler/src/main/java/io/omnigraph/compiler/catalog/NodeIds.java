package io.omnigraph.compiler.catalog;

import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.FloatFormat;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueErrorCode;
import io.omnigraph.compiler.types.ValueException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Canonical node id derivation (spec §1.6). The id of a keyed node is user-visible and is the edge endpoint format,
 * so it must match the original exactly:
 * <ul>
 *   <li>members render as: String as-is; integers in decimal; Bool {@code true}/{@code false}; Date as the epoch-day
 *       integer; DateTime as the epoch-millisecond integer; floats as the shortest round-trip decimal of the stored
 *       width without exponent ({@code -0.0} → {@code "0"}); non-finite floats and nulls are errors;</li>
 *   <li>a single-member key → the rendered member;</li>
 *   <li>a composite key → a compact JSON array of the rendered strings, ordered by the members' stable property id
 *       (not declaration order), e.g. {@code ["7","acme"]}.</li>
 * </ul>
 */
public final class NodeIds {
    private NodeIds() {
    }

    /**
     * The canonical id of a keyed node given its (already converted) property values.
     *
     * @param type     a keyed node type
     * @param valueOf  the typed value of a property by name (return {@link Value#NULL} when absent)
     * @throws IllegalArgumentException if the node type has no {@code @key}
     * @throws ValueException           if a member is null, non-finite or not keyable
     */
    public static String canonicalId(NodeType type, Function<String, Value> valueOf) {
        List<PropertyDef> members = type.keyPropertiesById();
        if (members.isEmpty()) {
            throw new IllegalArgumentException("node " + type.name() + " has no @key");
        }
        if (members.size() == 1) {
            PropertyDef p = members.get(0);
            return renderMember(type, p, valueOf.apply(p.name()));
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < members.size(); i++) {
            PropertyDef p = members.get(i);
            if (i > 0) {
                sb.append(',');
            }
            appendJsonString(sb, renderMember(type, p, valueOf.apply(p.name())));
        }
        return sb.append(']').toString();
    }

    /** Convenience overload over a map of values by property name. */
    public static String canonicalId(NodeType type, Map<String, Value> values) {
        return canonicalId(type, name -> values.getOrDefault(name, Value.NULL));
    }

    private static String renderMember(NodeType type, PropertyDef p, Value v) {
        if (v == null || v.isNull()) {
            throw new ValueException(ValueErrorCode.INVALID_KEY,
                    "@key property '" + p.name() + "' of node " + type.name() + " cannot be null");
        }
        return renderScalar(v, p.type().scalar(), p.name());
    }

    /**
     * Renders one key member value of the given scalar kind.
     *
     * @throws ValueException for non-finite floats and values that cannot be key members
     */
    public static String renderScalar(Value v, ScalarKind kind, String property) {
        return switch (v) {
            case Value.Text s -> s.value();
            case Value.Int i -> Long.toString(i.value());
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Date d -> Integer.toString(d.epochDay());
            case Value.DateTime dt -> Long.toString(dt.epochMillis());
            case Value.Real r -> {
                if (!Double.isFinite(r.value())) {
                    throw new ValueException(ValueErrorCode.INVALID_KEY,
                            "@key property '" + property + "' cannot be " + r.value());
                }
                yield kind == ScalarKind.F32 ? FloatFormat.display((float) r.value()) : FloatFormat.display(r.value());
            }
            default -> throw new ValueException(ValueErrorCode.INVALID_KEY,
                    "@key property '" + property + "' value " + v + " cannot be part of a node id");
        };
    }

    /** JSON string escaping exactly as serde_json (short escapes, {@code \\u00xx} lower-case hex for other controls). */
    static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
