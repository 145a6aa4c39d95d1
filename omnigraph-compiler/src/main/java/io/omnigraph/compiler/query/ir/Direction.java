package io.omnigraph.compiler.query.ir;

/** Traversal direction relative to {@code src → dst}. */
public enum Direction {
    /** {@code src} is the edge's source, {@code dst} its target. */
    OUT,
    /** {@code src} is the edge's target, {@code dst} its source. */
    IN,
    /** Undirected ({@code <edge>}): neighbours in both directions (edges whose from and to type are equal). */
    BOTH
}
