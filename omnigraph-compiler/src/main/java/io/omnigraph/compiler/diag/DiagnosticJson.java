package io.omnigraph.compiler.diag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * JSON form of diagnostics for {@code --json} output and HTTP error details:
 * {@code {"code","severity","message","file","line","column","end_line","end_column","byte_start","byte_end","hint"}}
 * (location fields omitted when there is no location, {@code hint} when there is none).
 */
public final class DiagnosticJson {
    private DiagnosticJson() {
    }

    public static ObjectNode toJson(Diagnostic d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", d.code().code());
        o.put("severity", d.severity().label());
        o.put("message", d.message());
        d.location().ifPresent(l -> {
            o.put("file", l.file());
            o.put("line", l.line());
            o.put("column", l.column());
            o.put("end_line", l.endLine());
            o.put("end_column", l.endColumn());
            o.put("byte_start", l.byteStart());
            o.put("byte_end", l.byteEnd());
        });
        d.hint().ifPresent(h -> o.put("hint", h));
        return o;
    }

    public static ArrayNode toJson(List<Diagnostic> diagnostics) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        diagnostics.forEach(d -> a.add(toJson(d)));
        return a;
    }
}
