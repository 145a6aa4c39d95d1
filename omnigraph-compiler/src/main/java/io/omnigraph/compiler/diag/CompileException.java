package io.omnigraph.compiler.diag;

import java.util.List;

/**
 * Thrown when a {@code .pg} or {@code .gq} text (or a stored schema IR) does not compile. Carries every error
 * diagnostic found (at least one). {@link #getMessage()} is the first diagnostic's prefixed one-line message
 * (e.g. {@code type error: T7: …}), so callers that only show one line show the spec's message.
 * This is a user error, not a bug: never print its stack trace.
 */
public final class CompileException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public CompileException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "compile error" : diagnostics.get(0).message(), null, false, false);
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a CompileException needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public CompileException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    /** All diagnostics, in source order where they have locations. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The first diagnostic. */
    public Diagnostic first() {
        return diagnostics.get(0);
    }

    /** The first diagnostic's stable code. */
    public CompilerErrorCode code() {
        return diagnostics.get(0).code();
    }

    /** Human rendering of every diagnostic with caret snippets. */
    public String render() {
        return DiagnosticRenderer.renderAll(diagnostics);
    }
}
