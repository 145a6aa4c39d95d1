package io.omnigraph.compiler.schema.ir;

import java.util.OptionalLong;

/** {@code @card(min..max)}: allowed out-degree per source node. Default {@code 0..*} (no max). */
public record CardinalityDef(long min, OptionalLong max) {
    public static final CardinalityDef DEFAULT = new CardinalityDef(0, OptionalLong.empty());

    public CardinalityDef {
        if (min < 0 || (max.isPresent() && max.getAsLong() < min)) {
            throw new IllegalArgumentException("bad cardinality " + min + ".." + max);
        }
    }

    public boolean isDefault() {
        return min == 0 && max.isEmpty();
    }

    /** {@code 0..*}, {@code 1..1}, {@code 1..}. */
    public String display() {
        return min + ".." + (max.isPresent() ? Long.toString(max.getAsLong()) : "*");
    }
}
