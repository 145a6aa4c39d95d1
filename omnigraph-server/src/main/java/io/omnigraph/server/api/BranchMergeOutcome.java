package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Result kind of a branch merge. */
public enum BranchMergeOutcome implements WireEnum {
    ALREADY_UP_TO_DATE("already_up_to_date"),
    FAST_FORWARD("fast_forward"),
    MERGED("merged");

    private final String wire;

    BranchMergeOutcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static BranchMergeOutcome fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
