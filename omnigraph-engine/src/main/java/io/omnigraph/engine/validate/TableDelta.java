package io.omnigraph.engine.validate;

import io.omnigraph.engine.table.TableData;

import java.util.Objects;
import java.util.Set;

/**
 * What one write does to one table, as the integrity evaluator sees it: full rows to write ({@code upserts}, unique
 * ids; an id present in the base is replaced), ids removed from the base ({@code deletes}), and whether the base is
 * discarded altogether ({@code replaceAll}: load overwrite). The post-write image of the table is
 * {@code (replaceAll ? ∅ : base − deletes − ids(upserts)) ∪ upserts}.
 */
public record TableDelta(TableData upserts, Set<String> deletes, boolean replaceAll) {
    public TableDelta {
        Objects.requireNonNull(upserts, "upserts");
        deletes = Set.copyOf(deletes);
    }
}
