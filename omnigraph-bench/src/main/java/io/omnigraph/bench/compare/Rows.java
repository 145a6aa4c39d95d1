package io.omnigraph.bench.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Renders result values the same way for every system, so rows compare as strings. */
public final class Rows {
    private Rows() {
    }

    /** Integers as plain digits, floating point to 4 decimals, booleans and strings as text. */
    public static String cell(Object v) {
        return switch (v) {
            case null -> "null";
            case Byte b -> Long.toString(b);
            case Short s -> Long.toString(s);
            case Integer i -> Long.toString(i);
            case Long l -> Long.toString(l);
            case BigInteger b -> b.toString();
            case Float f -> String.format(Locale.ROOT, "%.4f", f.doubleValue());
            case Double d -> String.format(Locale.ROOT, "%.4f", d);
            case BigDecimal d -> String.format(Locale.ROOT, "%.4f", d.doubleValue());
            default -> v.toString();
        };
    }
}
