package io.omnigraph.compiler.query.ir;

import java.util.Objects;

/**
 * A variable introduced by a match block. {@code name} is the source name without {@code $}; anonymous
 * {@code $_} occurrences get unique synthetic names ({@code _#1}, {@code _#2}, …) that cannot clash with source names
 * and are never part of results or tie-breaks. {@code typeName} is the node type (NODE) or edge type (EDGE).
 */
public record Variable(String name, VarKind kind, String typeName, boolean anonymous) {
    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(typeName, "typeName");
    }

    /** The id column of this variable: {@code <name>.id}. */
    public String idColumn() {
        return name + ".id";
    }
}
