package io.omnigraph.engine.merge;

import java.util.Locale;

/** The conflict kinds of engine.md §2.3 (wire: snake_case, openapi {@code MergeConflictKindOutput}). */
public enum MergeConflictKind {
    /** Both sides inserted the same id with different rows. */
    DIVERGENT_INSERT,
    /** Both sides changed the same row differently. */
    DIVERGENT_UPDATE,
    /** One side deleted a row the other side changed. */
    DELETE_VS_UPDATE,
    /** The merged result has an edge whose endpoint does not exist (one side deleted the node, the other linked it). */
    ORPHAN_EDGE,
    /** The merged result violates {@code @unique}. */
    UNIQUE_VIOLATION,
    /** The merged result violates {@code @card}. */
    CARDINALITY_VIOLATION,
    /** The merged result violates an enum, {@code @range} or {@code @check} constraint. */
    VALUE_CONSTRAINT_VIOLATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds the row-level three-way decision produces (the others come from validation). */
    public boolean rowLevel() {
        return this == DIVERGENT_INSERT || this == DIVERGENT_UPDATE || this == DELETE_VS_UPDATE;
    }
}
