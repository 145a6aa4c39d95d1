package io.omnigraph.engine.table;

import java.util.Locale;

/** Whether a table holds nodes ({@code id} + properties) or edges ({@code id, src, dst} + properties). */
public enum TableKind {
    NODE, EDGE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static TableKind parse(String s) {
        return switch (s) {
            case "node" -> NODE;
            case "edge" -> EDGE;
            default -> throw new IllegalArgumentException("unknown table kind '" + s + "' (expected node or edge)");
        };
    }
}
