package io.omnigraph.compiler.schema.ir;

/** The three kinds of schema types. Order matters: new ids are allocated in (kind, name) order. */
public enum TypeKind {
    INTERFACE("interface"),
    NODE("node"),
    EDGE("edge");

    private final String label;

    TypeKind(String label) {
        this.label = label;
    }

    /** Lower-case label used in JSON, entity addresses ({@code node:T}) and messages. */
    public String label() {
        return label;
    }
}
