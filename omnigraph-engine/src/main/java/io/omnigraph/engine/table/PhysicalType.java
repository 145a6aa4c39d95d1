package io.omnigraph.engine.table;

import java.util.Locale;

/**
 * The physical type of a column: a {@link ScalarType}, a fixed-dimension float32 {@link VectorType}, or a
 * {@link ListType} of a scalar (not blob). Text form (used in JSON): {@code string}, {@code i32}, {@code vector(384)},
 * {@code list<string>}.
 */
public sealed interface PhysicalType permits ScalarType, VectorType, ListType {

    /** Canonical text form, the inverse of {@link #parse(String)}. */
    String text();

    /** Parses the text form; throws {@link IllegalArgumentException} naming the bad text. */
    static PhysicalType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("vector(") && t.endsWith(")")) {
            try {
                return new VectorType(Integer.parseInt(t.substring(7, t.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad vector dimension in physical type '" + text + "'");
            }
        }
        if (t.startsWith("list<") && t.endsWith(">")) {
            PhysicalType inner = parse(t.substring(5, t.length() - 1));
            if (!(inner instanceof ScalarType s)) {
                throw new IllegalArgumentException("list element must be a scalar in physical type '" + text + "'");
            }
            return new ListType(s);
        }
        for (ScalarType s : ScalarType.values()) {
            if (s.text().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown physical type '" + text + "' (expected string, bool, i32, i64, u32, "
                + "u64, f32, f64, date, datetime, blob, vector(N) or list<scalar>)");
    }
}
