package io.omnigraph.compiler.diag;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named source text ({@code .pg} or {@code .gq}) with a line index, used to turn char offsets into
 * {@code file:line:col} locations. Columns count Unicode code points from 1.
 */
public final class SourceText {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceText(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** 0-based line index containing the char offset. */
    private int lineIndex(int offset) {
        int idx = Arrays.binarySearch(lineStarts, Math.min(Math.max(offset, 0), text.length()));
        return idx >= 0 ? idx : -idx - 2;
    }

    /** The location of a span: 1-based line and column of its start and end, the start line's text. */
    public SourceLocation locate(Span span) {
        int start = Math.min(span.start(), text.length());
        int end = Math.min(Math.max(span.end(), start), text.length());
        int li = lineIndex(start);
        int lineStart = lineStarts[li];
        int lineEnd = li + 1 < lineStarts.length ? lineStarts[li + 1] - 1 : text.length();
        String line = text.substring(lineStart, lineEnd);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        int col = text.codePointCount(lineStart, start) + 1;
        int eli = lineIndex(end);
        int ecol = text.codePointCount(lineStarts[eli], end) + 1;
        int byteStart = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
        int byteEnd = byteStart + text.substring(start, end).getBytes(StandardCharsets.UTF_8).length;
        return new SourceLocation(name, li + 1, col, eli + 1, ecol, byteStart, byteEnd, line);
    }
}
