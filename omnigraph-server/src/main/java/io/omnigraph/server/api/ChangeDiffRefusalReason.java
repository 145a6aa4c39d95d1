package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a well-formed entity-diff request was refused (HTTP 409). */
public enum ChangeDiffRefusalReason implements WireEnum {
    PARENTLESS_COMMIT("parentless_commit"),
    SCHEMA_BOUNDARY("schema_boundary"),
    UNKNOWN("unknown");

    private final String wire;

    ChangeDiffRefusalReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static ChangeDiffRefusalReason fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
