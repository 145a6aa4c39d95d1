package io.omnigraph.engine.query;

import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.index.Cells;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of typed values used to sort result rows: numbers by exact value across widths, strings byte-wise
 * (UTF-8), {@code false < true}, dates and timestamps chronologically. NULL handling is the caller's.
 */
final class ValueOrder {
    private ValueOrder() {
    }

    static int compare(Value a, Value b) {
        return switch (a) {
            case Value.Int x -> switch (b) {
                case Value.Int y -> Long.compare(x.value(), y.value());
                case Value.Real y -> Cells.compareLongDouble(x.value(), y.value());
                default -> mismatch(a, b);
            };
            case Value.Real x -> switch (b) {
                case Value.Int y -> -Cells.compareLongDouble(y.value(), x.value());
                case Value.Real y -> Cells.compareDoubles(x.value(), y.value());
                default -> mismatch(a, b);
            };
            case Value.Text x when b instanceof Value.Text y -> Arrays.compareUnsigned(
                    x.value().getBytes(StandardCharsets.UTF_8), y.value().getBytes(StandardCharsets.UTF_8));
            case Value.Bool x when b instanceof Value.Bool y -> Boolean.compare(x.value(), y.value());
            case Value.Date x when b instanceof Value.Date y -> Integer.compare(x.epochDay(), y.epochDay());
            case Value.DateTime x when b instanceof Value.DateTime y -> Long.compare(x.epochMillis(), y.epochMillis());
            default -> mismatch(a, b);
        };
    }

    private static int mismatch(Value a, Value b) {
        throw new IllegalArgumentException("cannot order " + a + " against " + b);
    }

    /** NULLs first ascending, last descending; descending reverses the order of non-null values. */
    static Comparator<Value> sortOrder(boolean descending) {
        return (a, b) -> {
            boolean an = a.isNull();
            boolean bn = b.isNull();
            if (an || bn) {
                if (an && bn) {
                    return 0;
                }
                return an ? (descending ? 1 : -1) : (descending ? -1 : 1);
            }
            int c = compare(a, b);
            return descending ? -c : c;
        };
    }
}
