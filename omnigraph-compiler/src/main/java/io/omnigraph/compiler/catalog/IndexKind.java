package io.omnigraph.compiler.catalog;

/** The index family a property would get (informational, spec §1.5). */
public enum IndexKind {
    /** Enums and orderable scalars (Date, DateTime, integers, floats, Bool). */
    BTREE,
    /** Free-text String properties (inverted index for search/bm25). */
    FULL_TEXT,
    /** Vector properties. */
    VECTOR,
    /** Lists and Blobs. */
    NONE
}
