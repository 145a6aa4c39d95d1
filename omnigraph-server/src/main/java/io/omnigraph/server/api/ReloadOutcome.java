package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a reload attempt did. */
public enum ReloadOutcome implements WireEnum {
    /** A newer applied revision was booted and now serves. */
    RELOADED("reloaded"),
    /** The ledger names the revision already served; nothing changed. */
    UNCHANGED("unchanged"),
    /** The newer revision could not be booted; the previous one keeps serving. */
    FAILED("failed");

    private final String wire;

    ReloadOutcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ReloadOutcome fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
