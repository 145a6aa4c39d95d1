package io.omnigraph.server.error;

import io.omnigraph.server.api.WireEnum;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The closed set of error codes of {@code ErrorOutput.code}; new conditions use an additive structured field instead. */
public enum ErrorCode implements WireEnum {
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    BAD_REQUEST("bad_request"),
    NOT_FOUND("not_found"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    CONFLICT("conflict"),
    TOO_MANY_REQUESTS("too_many_requests"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Parses the wire spelling; unknown values fail with the list of accepted ones. */
    @JsonCreator
    public static ErrorCode fromWire(String text) {
        return WireEnum.parse(values(), text);
    }
}
