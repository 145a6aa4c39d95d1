package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Logical graph entity namespace ({@code EntityKindOutput} and {@code BlobEntityKind} on the wire). */
public enum EntityKind implements WireEnum {
    NODE("node"),
    EDGE("edge");

    private final String wire;

    EntityKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static EntityKind fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
