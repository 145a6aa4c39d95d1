package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of one merge conflict ({@code MergeConflictKindOutput}). */
public enum MergeConflictKind implements WireEnum {
    DIVERGENT_INSERT("divergent_insert"),
    DIVERGENT_UPDATE("divergent_update"),
    DELETE_VS_UPDATE("delete_vs_update"),
    ORPHAN_EDGE("orphan_edge"),
    UNIQUE_VIOLATION("unique_violation"),
    CARDINALITY_VIOLATION("cardinality_violation"),
    VALUE_CONSTRAINT_VIOLATION("value_constraint_violation");

    private final String wire;

    MergeConflictKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static MergeConflictKind fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
