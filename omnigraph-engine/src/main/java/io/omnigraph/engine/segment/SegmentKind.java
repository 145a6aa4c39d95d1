package io.omnigraph.engine.segment;

import java.util.Locale;

/** {@code DATA}: full rows (later segments shadow earlier rows with the same id). {@code DELETE}: ids only. */
public enum SegmentKind {
    DATA, DELETE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static SegmentKind parse(String s) {
        return switch (s) {
            case "data" -> DATA;
            case "delete" -> DELETE;
            default -> throw new IllegalArgumentException("unknown segment kind '" + s + "' (expected data or delete)");
        };
    }
}
