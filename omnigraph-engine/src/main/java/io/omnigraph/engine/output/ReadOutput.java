package io.omnigraph.engine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.QueryTarget;
import io.omnigraph.engine.query.ResultColumn;

import java.util.List;

/**
 * JSON forms of read results (languages.md §4): one object per row keyed by column name (values rendered by
 * {@link Values#toJson}: Date {@code YYYY-MM-DD}, DateTime {@code …T…:…:….mmmZ}, F32 widened to double, NaN and
 * infinities as strings, vectors and lists as arrays, NULL as null), and the read envelope
 * {@code {"query_name","target":{"branch","snapshot"},"row_count","columns","rows","graph_commit_id"}} with
 * {@code columns} omitted when empty.
 */
public final class ReadOutput {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReadOutput() {
    }

    /** One row as a JSON object (keys in column order). */
    public static ObjectNode row(List<ResultColumn> columns, List<Value> row, Values.NumberStyle style) {
        ObjectNode o = F.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            o.set(columns.get(i).name(), Values.toJson(row.get(i), columns.get(i).type(), style));
        }
        return o;
    }

    public static ArrayNode rows(QueryResult r, Values.NumberStyle style) {
        ArrayNode a = F.arrayNode(r.rowCount());
        for (List<Value> row : r.rows()) {
            a.add(row(r.columns(), row, style));
        }
        return a;
    }

    public static ObjectNode target(QueryTarget t) {
        ObjectNode o = F.objectNode();
        t.branch().ifPresentOrElse(b -> o.put("branch", b), () -> o.putNull("branch"));
        t.snapshot().ifPresentOrElse(s -> o.put("snapshot", s), () -> o.putNull("snapshot"));
        return o;
    }

    /** The read envelope (CLI and HTTP use native numbers). */
    public static ObjectNode envelope(QueryResult r) {
        return envelope(r, Values.NumberStyle.NATIVE);
    }

    public static ObjectNode envelope(QueryResult r, Values.NumberStyle style) {
        ObjectNode o = F.objectNode();
        o.put("query_name", r.queryName());
        o.set("target", target(r.target()));
        o.put("row_count", r.rowCount());
        if (!r.columns().isEmpty()) {
            ArrayNode cols = o.putArray("columns");
            r.columns().forEach(c -> cols.add(c.name()));
        }
        o.set("rows", rows(r, style));
        r.graphCommitId().ifPresent(c -> o.put("graph_commit_id", c));
        return o;
    }

    /** The first line of {@code jsonl} output: {@code {"kind":"metadata","query_name","target","row_count"}}. */
    public static ObjectNode metadata(JsonNode envelope) {
        ObjectNode o = F.objectNode();
        o.put("kind", "metadata");
        o.set("query_name", envelope.path("query_name"));
        o.set("target", envelope.path("target"));
        o.set("row_count", envelope.path("row_count"));
        return o;
    }
}
