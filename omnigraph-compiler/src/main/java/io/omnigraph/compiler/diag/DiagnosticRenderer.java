package io.omnigraph.compiler.diag;

import java.util.List;

/** Renders diagnostics the way a compiler does: headline, source line, caret underline, code and hint. */
public final class DiagnosticRenderer {
    private DiagnosticRenderer() {
    }

    /**
     * For example:
     * <pre>
     * q.gq:4:9: type error: T7: cannot compare I32? with String
     *   |
     * 4 |         $p.age > "x"
     *   |         ^^^^^^^^^^^^
     *   = code: T7
     *   = hint: compare numbers with numbers
     * </pre>
     */
    public static String render(Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.headline()).append('\n');
        d.location().ifPresent(loc -> {
            String lineNo = Integer.toString(loc.line());
            String pad = " ".repeat(lineNo.length());
            String line = loc.lineText().replace('\t', ' ');
            sb.append(pad).append(" |\n");
            sb.append(lineNo).append(" | ").append(line).append('\n');
            int col = Math.max(1, loc.column());
            int width;
            if (loc.endLine() == loc.line()) {
                width = Math.max(1, loc.endColumn() - loc.column());
            } else {
                width = Math.max(1, line.codePointCount(0, line.length()) - col + 1);
            }
            sb.append(pad).append(" | ").append(" ".repeat(col - 1)).append("^".repeat(width)).append('\n');
        });
        String indent = d.location().map(l -> " ".repeat(Integer.toString(l.line()).length())).orElse("");
        sb.append(indent).append(" = code: ").append(d.code().code()).append('\n');
        d.hint().ifPresent(h -> sb.append(indent).append(" = hint: ").append(h).append('\n'));
        return sb.toString();
    }

    /** All diagnostics, separated by blank lines. */
    public static String renderAll(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < diagnostics.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(render(diagnostics.get(i)));
        }
        return sb.toString();
    }
}
