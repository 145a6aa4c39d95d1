package io.omnigraph.compiler.query.ir;

/** What a query variable ranges over. */
public enum VarKind {
    /** A node of one node type; contributes columns {@code v.id} and {@code v.<prop>}. */
    NODE,
    /** One edge row of an edge binding {@code $a $w:edge $b}; contributes {@code w.id} and {@code w.<prop>}. */
    EDGE
}
