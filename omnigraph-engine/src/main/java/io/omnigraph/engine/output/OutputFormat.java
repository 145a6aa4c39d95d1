package io.omnigraph.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.query.QueryResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code --format} renderings of a read result (languages.md §4). Every format renders the read envelope (so a
 * result fetched from a server renders exactly like a local one); output always ends with a newline.
 * <ul>
 *   <li>{@code table}: {@code N rows from branch main via q}, the header {@code col | col}, a rule of dashes joined
 *       by {@code -+-}, one line per row; {@code (no rows)} only when there are no columns. Cells: strings as is,
 *       other values as JSON, newlines as {@code \n}, at most {@value #MAX_CELL} characters (longer cells end in
 *       {@code …}).</li>
 *   <li>{@code kv}: the same first line, then {@code row i} blocks (1-based, a blank line between) of
 *       {@code col: value}; {@code (no rows)} when empty.</li>
 *   <li>{@code csv}: a header row of column names, then rows; NULL as {@code null}, arrays/objects as JSON; a field is
 *       quoted when it holds {@code ,} {@code "} CR or LF, with quotes doubled.</li>
 *   <li>{@code jsonl}: {@code {"kind":"metadata",…}} then one compact row object per line.</li>
 *   <li>{@code json}: the pretty-printed envelope.</li>
 * </ul>
 * Column order is the envelope's {@code columns}; when absent, the sorted union of the rows' keys.
 */
public enum OutputFormat {
    TABLE, KV, CSV, JSONL, JSON;

    /** Longest table cell, in characters. */
    public static final int MAX_CELL = 80;

    /** Parses a {@code --format} value (case-insensitive). */
    public static Optional<OutputFormat> parse(String s) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(s.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String render(QueryResult result) {
        return render(ReadOutput.envelope(result));
    }

    /** Renders a read envelope. */
    public String render(JsonNode envelope) {
        return switch (this) {
            case JSON -> PrettyJson.write(envelope) + "\n";
            case JSONL -> jsonl(envelope);
            case CSV -> csv(envelope);
            case TABLE -> table(envelope);
            case KV -> kv(envelope);
        };
    }

    /** The columns of a result envelope: its {@code columns}, else the sorted union of the rows' keys. */
    public static List<String> columns(JsonNode envelope) {
        List<String> out = new ArrayList<>();
        JsonNode cols = envelope.get("columns");
        if (cols != null && cols.isArray()) {
            cols.forEach(c -> out.add(c.asText()));
            return out;
        }
        TreeSet<String> keys = new TreeSet<>();
        for (JsonNode row : envelope.path("rows")) {
            Iterator<String> it = row.fieldNames();
            it.forEachRemaining(keys::add);
        }
        out.addAll(keys);
        return out;
    }

    private static String headline(JsonNode envelope) {
        JsonNode target = envelope.path("target");
        String where = target.hasNonNull("branch") ? "branch " + target.get("branch").asText()
                : target.hasNonNull("snapshot") ? "snapshot " + target.get("snapshot").asText() : "graph";
        return envelope.path("row_count").asLong(envelope.path("rows").size()) + " rows from " + where + " via "
                + envelope.path("query_name").asText();
    }

    /** A cell as text: strings as is, null as {@code null}, everything else as compact JSON. */
    public static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static String jsonl(JsonNode envelope) {
        StringBuilder sb = new StringBuilder();
        sb.append(ReadOutput.metadata(envelope)).append('\n');
        List<String> cols = columns(envelope);
        for (JsonNode row : envelope.path("rows")) {
            ObjectNode ordered = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            for (String c : cols) {
                ordered.set(c, row.get(c) == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : row.get(c));
            }
            sb.append(ordered).append('\n');
        }
        return sb.toString();
    }

    private static String csv(JsonNode envelope) {
        List<String> cols = columns(envelope);
        StringBuilder sb = new StringBuilder();
        csvLine(sb, cols);
        for (JsonNode row : envelope.path("rows")) {
            List<String> cells = new ArrayList<>(cols.size());
            for (String c : cols) {
                cells.add(text(row.get(c)));
            }
            csvLine(sb, cells);
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\r') >= 0 || c.indexOf('\n') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    /** A table cell: newlines escaped, capped at {@link #MAX_CELL} code points. */
    static String cell(JsonNode v) {
        String s = text(v).replace("\r", "\\r").replace("\n", "\\n");
        if (s.codePointCount(0, s.length()) > MAX_CELL) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_CELL - 1)) + "…";
        }
        return s;
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String table(JsonNode envelope) {
        StringBuilder sb = new StringBuilder(headline(envelope)).append('\n');
        List<String> cols = columns(envelope);
        if (cols.isEmpty()) {
            return sb.append("(no rows)\n").toString();
        }
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : envelope.path("rows")) {
            List<String> r = new ArrayList<>(cols.size());
            for (String c : cols) {
                r.add(cell(row.get(c)));
            }
            cells.add(r);
        }
        int[] widths = new int[cols.size()];
        List<String> header = cols.stream().map(c -> cell(com.fasterxml.jackson.databind.node.TextNode.valueOf(c))).toList();
        for (int i = 0; i < cols.size(); i++) {
            widths[i] = width(header.get(i));
            for (List<String> r : cells) {
                widths[i] = Math.max(widths[i], width(r.get(i)));
            }
        }
        line(sb, header, widths);
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                sb.append("-+-");
            }
            sb.append("-".repeat(widths[i]));
        }
        sb.append('\n');
        for (List<String> r : cells) {
            line(sb, r, widths);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> values, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                l.append(" | ");
            }
            String v = values.get(i);
            l.append(v);
            if (i < values.size() - 1) {
                l.append(" ".repeat(widths[i] - width(v)));
            }
        }
        sb.append(l).append('\n');
    }

    private static String kv(JsonNode envelope) {
        StringBuilder sb = new StringBuilder(headline(envelope)).append('\n');
        List<String> cols = columns(envelope);
        JsonNode rows = envelope.path("rows");
        if (rows.isEmpty()) {
            return sb.append("(no rows)\n").toString();
        }
        int i = 0;
        for (JsonNode row : rows) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("row ").append(++i).append('\n');
            for (String c : cols) {
                sb.append(c).append(": ").append(text(row.get(c)).replace("\r", "\\r").replace("\n", "\\n")).append('\n');
            }
        }
        return sb.toString();
    }
}
