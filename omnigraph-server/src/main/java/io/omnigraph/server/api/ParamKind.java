package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of a stored-query parameter; bigint, date, datetime and blob travel as JSON strings. */
public enum ParamKind implements WireEnum {
    STRING("string"),
    BOOL("bool"),
    INT("int"),
    BIGINT("bigint"),
    FLOAT("float"),
    DATE("date"),
    DATETIME("datetime"),
    BLOB("blob"),
    VECTOR("vector"),
    LIST("list");

    private final String wire;

    ParamKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static ParamKind fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
