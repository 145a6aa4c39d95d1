package io.omnigraph.compiler.types;

/** Why a value could not be converted to its declared type. Stable snake_case codes. */
public enum ValueErrorCode {
    /** The JSON (or literal) kind does not match the declared type. */
    TYPE_MISMATCH("type_mismatch"),
    /** NULL (or a missing value) for a non-nullable property or parameter. */
    NULL_NOT_ALLOWED("null_not_allowed"),
    /** An integer outside the range of its column width, or a float outside F32 range. */
    OUT_OF_RANGE("out_of_range"),
    /** NaN or an infinity where a finite float is required. */
    NON_FINITE("non_finite"),
    /** A vector with the wrong number of elements. */
    VECTOR_DIMENSION("vector_dimension"),
    /** A vector element that is not a number. */
    NON_NUMERIC_ELEMENT("non_numeric_element"),
    /** A list item that is null. */
    NULL_LIST_ITEM("null_list_item"),
    /** A value outside an enum's value set. */
    INVALID_ENUM("invalid_enum"),
    /** A Date or DateTime string that does not parse. */
    INVALID_TEMPORAL("invalid_temporal"),
    /** A Blob string that is neither {@code base64:…} nor a URI. */
    INVALID_BLOB("invalid_blob"),
    /** A value that cannot be part of a node id (null key member, non-finite float, list, vector, blob). */
    INVALID_KEY("invalid_key");

    private final String code;

    ValueErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
