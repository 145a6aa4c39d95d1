package io.omnigraph.compiler.diag;

/** How bad a {@link Diagnostic} is. Only {@link #ERROR} makes a compilation fail. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    INFO("info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** Lower-case label used in JSON and human output ({@code error}, {@code warning}, {@code info}). */
    public String label() {
        return label;
    }
}
