package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a load treats existing entities ({@code LoadMode}); the default is {@link #MERGE}. */
public enum LoadMode implements WireEnum {
    OVERWRITE("overwrite"),
    APPEND("append"),
    MERGE("merge");

    private final String wire;

    LoadMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static LoadMode fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
