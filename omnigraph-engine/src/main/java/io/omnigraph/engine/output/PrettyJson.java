package io.omnigraph.engine.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Pretty JSON in the layout of the original's {@code serde_json::to_string_pretty}: two-space indentation,
 * {@code "key": value}, one array element per line, empty containers as {@code []} / {@code {}}. Scalars are written
 * by Jackson (compact form).
 */
public final class PrettyJson {
    private PrettyJson() {
    }

    public static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode n, int depth) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                indent(sb, depth + 1);
                sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey())).append(": ");
                write(sb, e.getValue(), depth + 1);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                indent(sb, depth + 1);
                write(sb, n.get(i), depth + 1);
                sb.append(i < n.size() - 1 ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else {
            sb.append(n);
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }
}
