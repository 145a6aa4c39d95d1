package io.omnigraph.engine.mutate;

import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.types.Value;

/**
 * Evaluation of mutation predicates ({@code where column op value}): comparisons with NULL are false; numbers compare
 * by value across widths; strings compare byte-wise (UTF-8); {@code contains} is list membership for a list column
 * and substring for a String column; {@code starts_with} is a String prefix.
 */
public final class Predicates {
    private Predicates() {
    }

    public static boolean test(Value left, CompareOp op, Value right) {
        if (left.isNull() || right.isNull()) {
            return false;
        }
        return switch (op) {
            case CONTAINS -> switch (left) {
                case Value.Array a -> a.items().stream().anyMatch(item -> equal(item, right));
                case Value.Text t -> right instanceof Value.Text r && t.value().contains(r.value());
                default -> false;
            };
            case STARTS_WITH -> left instanceof Value.Text t && right instanceof Value.Text r && t.value().startsWith(r.value());
            case EQ -> equal(left, right);
            case NE -> !equal(left, right);
            case LT, LE, GT, GE -> {
                Integer c = compare(left, right);
                if (c == null) {
                    yield false;
                }
                yield switch (op) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                };
            }
        };
    }

    static boolean equal(Value a, Value b) {
        Integer c = compare(a, b);
        return c != null ? c == 0 : a.equals(b);
    }

    /** Ordering of two comparable values, or null when they do not compare. */
    static Integer compare(Value a, Value b) {
        return switch (a) {
            case Value.Int x when b instanceof Value.Int y -> Long.compare(x.value(), y.value());
            case Value.Int x when b instanceof Value.Real y -> Double.compare(x.value(), y.value());
            case Value.Real x when b instanceof Value.Int y -> Double.compare(x.value(), y.value());
            case Value.Real x when b instanceof Value.Real y -> Double.compare(x.value(), y.value());
            case Value.Text x when b instanceof Value.Text y -> Integer.signum(SchemaIR.compareBytes(x.value(), y.value()));
            case Value.Bool x when b instanceof Value.Bool y -> Boolean.compare(x.value(), y.value());
            case Value.Date x when b instanceof Value.Date y -> Integer.compare(x.epochDay(), y.epochDay());
            case Value.DateTime x when b instanceof Value.DateTime y -> Long.compare(x.epochMillis(), y.epochMillis());
            default -> null;
        };
    }
}
