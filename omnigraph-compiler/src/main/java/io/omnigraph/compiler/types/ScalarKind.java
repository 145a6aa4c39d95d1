package io.omnigraph.compiler.types;

import java.util.Optional;

/** The scalar kinds of the {@code .pg} type system (spec §1.2). Enums are {@link #STRING} with a value set. */
public enum ScalarKind {
    STRING("String", "Utf8"),
    BLOB("Blob", "LargeBinary"),
    BOOL("Bool", "Boolean"),
    I32("I32", "Int32"),
    I64("I64", "Int64"),
    U32("U32", "UInt32"),
    U64("U64", "UInt64"),
    F32("F32", "Float32"),
    F64("F64", "Float64"),
    DATE("Date", "Date32"),
    DATETIME("DateTime", "Date64"),
    /** Fixed-size float32 vector; the dimension lives in {@link PropType#vectorDim()}. */
    VECTOR("Vector", "FixedSizeList");

    private final String sourceName;
    private final String arrowName;

    ScalarKind(String sourceName, String arrowName) {
        this.sourceName = sourceName;
        this.arrowName = arrowName;
    }

    /** The name used in {@code .pg} / {@code .gq} source ({@code I32}, {@code DateTime}, …). */
    public String sourceName() {
        return sourceName;
    }

    /** The Arrow type name used in strict-load messages ({@code Int32}, {@code Utf8}, …). */
    public String arrowName() {
        return arrowName;
    }

    public boolean isNumeric() {
        return isInteger() || isFloat();
    }

    public boolean isInteger() {
        return this == I32 || this == I64 || this == U32 || this == U64;
    }

    public boolean isFloat() {
        return this == F32 || this == F64;
    }

    public boolean isTemporal() {
        return this == DATE || this == DATETIME;
    }

    /** Inclusive lower bound for integer kinds. */
    public long minValue() {
        return switch (this) {
            case I32 -> Integer.MIN_VALUE;
            case I64 -> Long.MIN_VALUE;
            case U32, U64 -> 0;
            default -> throw new IllegalStateException(this + " is not an integer kind");
        };
    }

    /** Inclusive upper bound for integer kinds ({@code U64} is limited to {@code 2^63-1}, see docs/schema.md). */
    public long maxValue() {
        return switch (this) {
            case I32 -> Integer.MAX_VALUE;
            case I64, U64 -> Long.MAX_VALUE;
            case U32 -> 0xFFFF_FFFFL;
            default -> throw new IllegalStateException(this + " is not an integer kind");
        };
    }

    /** The base scalar named in source ({@code Vector} is not a base type and is not returned). */
    public static Optional<ScalarKind> fromSourceName(String name) {
        for (ScalarKind k : values()) {
            if (k != VECTOR && k.sourceName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
