package io.omnigraph.compiler.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One compiler finding: a stable code, a severity, the message detail, where it points (if anywhere) and an
 * optional one-line fix hint.
 *
 * <p>{@link #message()} is the user-facing one-line message with the phase prefix
 * (e.g. {@code type error: T7: cannot compare I32 with String}); {@link #render()} adds
 * {@code file:line:col}, a caret snippet and the hint.
 */
public record Diagnostic(CompilerErrorCode code, Severity severity, String detail,
                         Optional<SourceLocation> location, Optional<String> hint) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(hint, "hint");
    }

    public static Diagnostic error(CompilerErrorCode code, String detail, SourceText source, Span span, String hint) {
        return new Diagnostic(code, Severity.ERROR, detail,
                source == null || span == null ? Optional.empty() : Optional.of(source.locate(span)),
                Optional.ofNullable(hint));
    }

    public static Diagnostic error(CompilerErrorCode code, String detail) {
        return new Diagnostic(code, Severity.ERROR, detail, Optional.empty(), Optional.empty());
    }

    /** The one-line message with its phase prefix, e.g. {@code parse error: expected "}"}. */
    public String message() {
        return code.prefix() + detail;
    }

    /** {@code file:line:col: message} (or just the message when there is no location). */
    public String headline() {
        return location.map(l -> l.display() + ": ").orElse("") + message();
    }

    /** Multi-line human rendering: headline, caret snippet, code and hint. */
    public String render() {
        return DiagnosticRenderer.render(this);
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(code, severity, detail, location, Optional.ofNullable(newHint));
    }

    @Override
    public String toString() {
        return headline();
    }
}
