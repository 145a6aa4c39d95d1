package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Logical operation of one change ({@code ChangeOpOutput}); rank order insert, update, delete. */
public enum ChangeOp implements WireEnum {
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete");

    private final String wire;

    ChangeOp(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static ChangeOp fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
