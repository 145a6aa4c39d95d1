package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.config.TableLayout;
import io.omnigraph.engine.output.OutputFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a read envelope in a {@code --format}, applying the operator config's {@link TableLayout} to
 * {@code table}. The default layout is exactly {@link OutputFormat#render(JsonNode)}; other formats are unaffected.
 */
public final class TableRender {
    private TableRender() {
    }

    public static String render(OutputFormat format, JsonNode envelope, TableLayout layout) {
        String engine = format.render(envelope);
        if (format != OutputFormat.TABLE || layout.equals(TableLayout.DEFAULT)) {
            return engine;
        }
        String headline = engine.substring(0, engine.indexOf('\n'));
        List<String> cols = OutputFormat.columns(envelope);
        StringBuilder sb = new StringBuilder(headline).append('\n');
        if (cols.isEmpty()) {
            return sb.append("(no rows)\n").toString();
        }
        List<List<List<String>>> rows = new ArrayList<>();
        List<List<String>> header = new ArrayList<>();
        for (String c : cols) {
            header.add(cell(c, layout));
        }
        for (JsonNode row : envelope.path("rows")) {
            List<List<String>> r = new ArrayList<>(cols.size());
            for (String c : cols) {
                r.add(cell(OutputFormat.text(row.get(c)), layout));
            }
            rows.add(r);
        }
        int[] widths = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            widths[i] = maxWidth(header.get(i));
            for (List<List<String>> r : rows) {
                widths[i] = Math.max(widths[i], maxWidth(r.get(i)));
            }
        }
        lines(sb, header, widths);
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                sb.append("-+-");
            }
            sb.append("-".repeat(widths[i]));
        }
        sb.append('\n');
        for (List<List<String>> r : rows) {
            lines(sb, r, widths);
        }
        return sb.toString();
    }

    /** One logical row as one or more physical lines (wrapped cells continue below, other cells blank). */
    private static void lines(StringBuilder sb, List<List<String>> cells, int[] widths) {
        int height = 1;
        for (List<String> c : cells) {
            height = Math.max(height, c.size());
        }
        for (int line = 0; line < height; line++) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    l.append(" | ");
                }
                String v = line < cells.get(i).size() ? cells.get(i).get(line) : "";
                l.append(v);
                if (i < cells.size() - 1) {
                    l.append(" ".repeat(widths[i] - width(v)));
                }
            }
            sb.append(line == 0 ? l.toString() : l.toString().stripTrailing()).append('\n');
        }
    }

    /** A cell's text (newlines escaped) as its physical lines under the layout. */
    static List<String> cell(String text, TableLayout layout) {
        String s = text.replace("\r", "\\r").replace("\n", "\\n");
        int max = layout.maxColumnWidth();
        if (width(s) <= max) {
            return List.of(s);
        }
        return switch (layout.cellLayout()) {
            case TRUNCATE -> List.of(s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…");
            case WRAP -> {
                List<String> out = new ArrayList<>();
                int start = 0;
                while (start < s.length()) {
                    int end = s.codePointCount(start, s.length()) <= max ? s.length() : s.offsetByCodePoints(start, max);
                    out.add(s.substring(start, end));
                    start = end;
                }
                yield out;
            }
        };
    }

    private static int maxWidth(List<String> lines) {
        int w = 0;
        for (String l : lines) {
            w = Math.max(w, width(l));
        }
        return w;
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
