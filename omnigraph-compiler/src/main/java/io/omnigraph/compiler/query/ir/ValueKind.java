package io.omnigraph.compiler.query.ir;

import io.omnigraph.compiler.types.PropType;

/**
 * The coarse value kinds of parameter and result descriptors (lint {@code --json}, MCP tool schemas):
 * {@code string, bool, int (I32/U32), bigint (I64/U64), float, date, datetime, blob, vector, list}.
 */
public enum ValueKind {
    STRING("string"), BOOL("bool"), INT("int"), BIGINT("bigint"), FLOAT("float"), DATE("date"),
    DATETIME("datetime"), BLOB("blob"), VECTOR("vector"), LIST("list");

    private final String label;

    ValueKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of a type ({@code LIST} for lists; see {@link #ofScalar} for the item kind). */
    public static ValueKind of(PropType t) {
        return t.list() ? LIST : ofScalar(t);
    }

    /** The kind of a type's scalar (ignoring list-ness). */
    public static ValueKind ofScalar(PropType t) {
        return switch (t.scalar()) {
            case STRING -> STRING;
            case BLOB -> BLOB;
            case BOOL -> BOOL;
            case I32, U32 -> INT;
            case I64, U64 -> BIGINT;
            case F32, F64 -> FLOAT;
            case DATE -> DATE;
            case DATETIME -> DATETIME;
            case VECTOR -> VECTOR;
        };
    }
}
