package io.omnigraph.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.error.ApiException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code arguments} of one {@code tools/call}, read the way the HTTP layer reads a request body: a wrong type or a
 * missing required argument is a 400-style error naming the argument.
 */
final class ToolArgs {
    private final String tool;
    private final Map<String, Object> args;

    ToolArgs(String tool, Map<String, Object> args) {
        this.tool = tool;
        this.args = args == null ? Map.of() : args;
    }

    Map<String, Object> raw() {
        return args;
    }

    /** A required string argument. */
    String string(String name) {
        return optionalString(name).orElseThrow(() -> ApiException.badRequest("tool '" + tool
                + "': argument '" + name + "' is required"));
    }

    /** An optional string argument; {@code null} counts as absent. */
    Optional<String> optionalString(String name) {
        Object v = args.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("tool '" + tool + "': argument '" + name + "' must be a string");
        }
        return Optional.of(s);
    }

    /** An optional boolean argument. */
    Optional<Boolean> optionalBool(String name) {
        Object v = args.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw ApiException.badRequest("tool '" + tool + "': argument '" + name + "' must be true or false");
        }
        return Optional.of(b);
    }

    /** An optional JSON-object argument ({@code params}). */
    Optional<JsonNode> optionalObject(String name) {
        Object v = args.get(name);
        if (v == null) {
            return Optional.empty();
        }
        JsonNode node = WireJson.mapper().valueToTree(v);
        if (!node.isObject()) {
            throw ApiException.badRequest("tool '" + tool + "': argument '" + name + "' must be a JSON object");
        }
        return Optional.of(node);
    }

    /** Every argument except {@code exclude}, as one JSON object (stored-query parameters). */
    JsonNode objectWithout(Set<String> exclude) {
        com.fasterxml.jackson.databind.node.ObjectNode o = WireJson.mapper().createObjectNode();
        args.forEach((k, v) -> {
            if (!exclude.contains(k)) {
                o.set(k, WireJson.mapper().valueToTree(v));
            }
        });
        return o;
    }
}
