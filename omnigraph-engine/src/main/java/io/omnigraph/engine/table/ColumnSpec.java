package io.omnigraph.engine.table;

import java.util.Objects;

/**
 * One physical column. {@code fieldId} is the stable identity of the column (the catalog's stable property id for user
 * properties, {@link #ID_FIELD}/{@link #SRC_FIELD}/{@link #DST_FIELD} for the system columns); segments store it as
 * the Parquet field id and readers resolve columns by it, so renaming a property keeps its data.
 *
 * <p>User field ids must be in {@code 1..}{@link #MAX_USER_FIELD_ID}; the range above is reserved for system columns.
 */
public record ColumnSpec(String name, int fieldId, PhysicalType type, boolean nullable) {
    /** Field id of the {@code id} column (every table). */
    public static final int ID_FIELD = 2_147_483_001;
    /** Field id of the {@code src} column (edge tables). */
    public static final int SRC_FIELD = 2_147_483_002;
    /** Field id of the {@code dst} column (edge tables). */
    public static final int DST_FIELD = 2_147_483_003;
    /** Largest field id a user property may have. */
    public static final int MAX_USER_FIELD_ID = 2_000_000_000;

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        boolean system = fieldId == ID_FIELD || fieldId == SRC_FIELD || fieldId == DST_FIELD;
        if (!system && (fieldId < 1 || fieldId > MAX_USER_FIELD_ID)) {
            throw new IllegalArgumentException("column '" + name + "': field id " + fieldId + " is outside 1.."
                    + MAX_USER_FIELD_ID);
        }
    }

    public static ColumnSpec id() {
        return new ColumnSpec("id", ID_FIELD, ScalarType.STRING, false);
    }

    public static ColumnSpec src() {
        return new ColumnSpec("src", SRC_FIELD, ScalarType.STRING, false);
    }

    public static ColumnSpec dst() {
        return new ColumnSpec("dst", DST_FIELD, ScalarType.STRING, false);
    }

    /** A user property column. */
    public static ColumnSpec of(String name, int fieldId, PhysicalType type, boolean nullable) {
        return new ColumnSpec(name, fieldId, type, nullable);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSystem() {
        return fieldId > MAX_USER_FIELD_ID;
    }
}
