package io.omnigraph.compiler.diag;

/**
 * The compiler phase that produced a diagnostic. It decides the message prefix, which matches the original
 * OmniGraph's {@code CompilerError} display ({@code parse error: …}, {@code catalog error: …}, {@code type error: …},
 * {@code plan error: …}).
 */
public enum Phase {
    PARSE("parse error: "),
    CATALOG("catalog error: "),
    TYPE("type error: "),
    PLAN("plan error: ");

    private final String prefix;

    Phase(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
