package io.omnigraph.compiler.diag;

/**
 * A half-open range {@code [start, end)} of char offsets into a source text. A zero-width span is widened to one
 * character when rendered.
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public static Span at(int offset) {
        return new Span(offset, offset);
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
