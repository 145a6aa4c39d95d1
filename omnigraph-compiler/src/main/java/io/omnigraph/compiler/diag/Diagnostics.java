package io.omnigraph.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A mutable collector of diagnostics for one compilation; {@link #throwIfErrors()} ends a phase. */
public final class Diagnostics {
    private final SourceText source;
    private final List<Diagnostic> list = new ArrayList<>();

    public Diagnostics(SourceText source) {
        this.source = source;
    }

    public SourceText source() {
        return source;
    }

    public Diagnostic error(CompilerErrorCode code, Span span, String detail) {
        return error(code, span, detail, null);
    }

    public Diagnostic error(CompilerErrorCode code, Span span, String detail, String hint) {
        Diagnostic d = Diagnostic.error(code, detail, source, span, hint);
        list.add(d);
        return d;
    }

    public void add(Diagnostic d) {
        list.add(d);
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public List<Diagnostic> all() {
        return List.copyOf(list);
    }

    /** Throws a {@link CompileException} with the errors (sorted by position, stable) if there are any. */
    public void throwIfErrors() {
        if (hasErrors()) {
            List<Diagnostic> errors = new ArrayList<>(list.stream().filter(d -> d.severity() == Severity.ERROR).toList());
            errors.sort(Comparator.comparingInt((Diagnostic d) -> d.location().map(SourceLocation::byteStart).orElse(Integer.MAX_VALUE)));
            throw new CompileException(errors);
        }
    }
}
