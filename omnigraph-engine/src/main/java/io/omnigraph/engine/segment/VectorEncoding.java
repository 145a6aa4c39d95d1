package io.omnigraph.engine.segment;

/**
 * How VECTOR(dim) columns are written. Readers accept both. {@link #FIXED_BYTES}: one
 * {@code fixed_len_byte_array(4·dim)} of little-endian float32 per row (default; see docs/storage-format.md for the
 * measurement). {@link #FLOAT_LIST}: the Parquet LIST&lt;float&gt; that Arrow writes for fixed-size lists.
 */
public enum VectorEncoding {
    FIXED_BYTES, FLOAT_LIST
}
