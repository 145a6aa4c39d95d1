package io.omnigraph.engine.table;

import java.util.Locale;

/**
 * Scalar physical types and their in-memory representation:
 * STRING (UTF-8, {@link StringColumn}), BOOL ({@link BoolColumn}), I32/U32/DATE ({@link IntColumn}; U32 keeps the bit
 * pattern, DATE = epoch days), I64/U64/DATETIME ({@link LongColumn}; U64 keeps the bit pattern, DATETIME = epoch ms),
 * F32 ({@link FloatColumn}), F64 ({@link DoubleColumn}), BLOB (bytes, {@link BlobColumn}).
 */
public enum ScalarType implements PhysicalType {
    STRING, BOOL, I32, I64, U32, U64, F32, F64, DATE, DATETIME, BLOB;

    @Override
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the types held in an {@link IntColumn}. */
    public boolean isIntBacked() {
        return this == I32 || this == U32 || this == DATE;
    }

    /** True for the types held in a {@link LongColumn}. */
    public boolean isLongBacked() {
        return this == I64 || this == U64 || this == DATETIME;
    }
}
