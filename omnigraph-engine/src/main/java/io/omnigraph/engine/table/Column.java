package io.omnigraph.engine.table;

/**
 * An immutable column of {@link #size()} values of one {@link PhysicalType}, stored as primitive arrays plus a null
 * bitmap. The query engine switches over the sealed subtypes and uses their primitive accessors; {@link #get(int)}
 * is the slow boxed path for tests and generic code.
 *
 * <p>Implementations never expose their arrays for writing: callers must not mutate what the raw accessors return.
 */
public sealed interface Column
        permits IntColumn, LongColumn, FloatColumn, DoubleColumn, BoolColumn, StringColumn, BlobColumn, VectorColumn,
        ListColumn {

    PhysicalType type();

    int size();

    boolean isNull(int row);

    /** True when at least one value is null. */
    boolean hasNulls();

    /**
     * The boxed value (or null): String, Boolean, Integer (I32, DATE), Long (U32, I64, U64 bit pattern, DATETIME),
     * Float, Double, byte[] (BLOB), float[] (VECTOR), List (LIST).
     */
    Object get(int row);

    /** A new column holding the given rows in the given order. */
    Column select(int[] rows);

    /** Approximate heap bytes held (for cache weighing). */
    long estimatedBytes();
}
