package io.omnigraph.compiler.types;

import java.util.Objects;

/**
 * What a converted value is for; decides the wording of conversion errors.
 * <ul>
 *   <li>{@link Kind#PROPERTY} — a strict NDJSON load or a stored property ({@code strict property 'p' expects …});
 *       {@code owner} is the node/edge type name (used in enum messages {@code for T.p}).</li>
 *   <li>{@link Kind#PARAM} — a query parameter ({@code param 'x': expected …}); {@code owner} is empty.</li>
 * </ul>
 */
public record ValueTarget(Kind kind, String owner, String name) {
    public enum Kind { PROPERTY, PARAM }

    public ValueTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
    }

    public static ValueTarget property(String owner, String name) {
        return new ValueTarget(Kind.PROPERTY, owner, name);
    }

    public static ValueTarget param(String name) {
        return new ValueTarget(Kind.PARAM, "", name);
    }

    boolean isParam() {
        return kind == Kind.PARAM;
    }
}
