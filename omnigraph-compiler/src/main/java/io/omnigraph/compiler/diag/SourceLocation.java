package io.omnigraph.compiler.diag;

/**
 * Where a diagnostic points: file name, 1-based line/column of the start and end, UTF-8 byte offsets of the span
 * (as the original's pest spans) and the text of the start line (for the caret snippet).
 */
public record SourceLocation(String file, int line, int column, int endLine, int endColumn,
                             int byteStart, int byteEnd, String lineText) {

    /** {@code file:line:col}. */
    public String display() {
        return file + ":" + line + ":" + column;
    }
}
