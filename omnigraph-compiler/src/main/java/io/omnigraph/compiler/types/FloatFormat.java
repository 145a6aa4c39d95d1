package io.omnigraph.compiler.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * Float rendering used by node-id derivation (spec §1.6): the shortest decimal that round-trips in the stored
 * width (closest to the exact value among equally short ones), never in exponent notation (Rust {@code Display}),
 * {@code -0.0} and {@code 0.0} both {@code "0"}.
 *
 * <p>Built on {@link Double#toString(double)} / {@link Float#toString(float)} (shortest round-trip digits since
 * JDK 19) with one correction: when a single digit suffices Java may still print two (e.g. {@code 4.9E-324});
 * Rust prints the one-digit form ({@code 5e-324}), so one-digit candidates are tried first.
 */
public final class FloatFormat {
    private FloatFormat() {
    }

    /** @throws IllegalArgumentException for NaN and infinities */
    public static String display(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("non-finite float " + v);
        }
        if (v == 0.0) {
            return "0";
        }
        BigDecimal shortest = shortest(new BigDecimal(Double.toString(v)), new BigDecimal(v),
                c -> Double.parseDouble(c.toString()) == v);
        return shortest.toPlainString();
    }

    /** @throws IllegalArgumentException for NaN and infinities */
    public static String display(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("non-finite float " + v);
        }
        if (v == 0.0f) {
            return "0";
        }
        BigDecimal shortest = shortest(new BigDecimal(Float.toString(v)), new BigDecimal((double) v),
                c -> Float.parseFloat(c.toString()) == v);
        return shortest.toPlainString();
    }

    private static BigDecimal shortest(BigDecimal javaRepr, BigDecimal exact, Predicate<BigDecimal> roundTrips) {
        BigDecimal d = plain(javaRepr);
        if (d.precision() == 2) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[]{RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal c = plain(d.round(new MathContext(1, mode)));
                if (roundTrips.test(c) && (best == null
                        || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return d;
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
