package io.omnigraph.server.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants travel as fixed lower-case wire strings. */
public interface WireEnum {
    /** The exact string used on the wire. */
    String wire();

    /**
     * Parses a wire string into one of {@code values}.
     *
     * @throws InvalidWireValueException naming the accepted values when {@code text} is not one of them
     */
    static <E extends Enum<E> & WireEnum> E parse(E[] values, String text) {
        for (E value : values) {
            if (value.wire().equals(text)) {
                return value;
            }
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        throw new InvalidWireValueException("unknown value '" + shown + "' (expected one of: "
                + Arrays.stream(values).map(WireEnum::wire).collect(Collectors.joining(", ")) + ")");
    }
}
