package io.omnigraph.engine.query;

import java.util.Locale;

/**
 * How the executor uses scalar indexes for binding property matches and single-variable filters, search indexes, and
 * whole-table path-count vectors for count-only traversal tails (computed bottom-up over the adjacency arrays instead
 * of a memoised walk from each input row). Results are identical in every mode (a generative test checks it); only
 * speed differs.
 */
public enum IndexMode {
    /** Indexes for {@code id}, {@code @key}, {@code @unique} and {@code @index} properties; scans otherwise. */
    AUTO,
    /** Never use an index (full scans, per-row predicates). */
    SCAN,
    /** Use an index for every indexable predicate on any scalar property (building indexes as needed). */
    INDEX;

    /** System property that overrides the default mode: {@code auto}, {@code scan} or {@code index}. */
    public static final String PROPERTY = "omnigraph.query.index";

    /** The mode named by {@link #PROPERTY}, or AUTO. */
    public static IndexMode fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return AUTO;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "scan" -> SCAN;
            case "index" -> INDEX;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("system property " + PROPERTY + "=" + v
                    + " is not one of auto, scan, index");
        };
    }
}
