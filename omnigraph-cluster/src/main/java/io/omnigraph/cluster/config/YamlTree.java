package io.omnigraph.cluster.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML into a Jackson tree (insertion-ordered maps) while reporting every duplicate key with its dotted path and
 * line, instead of silently keeping the last value. Scalars keep their YAML type (int, bool, string, null).
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A duplicate key found while reading. */
    record Duplicate(String path, int line) {
    }

    /** The tree (null for an empty document) and the duplicates found. */
    record Result(JsonNode root, List<Duplicate> duplicates) {
    }

    /** A YAML syntax problem, with a 1-based line. */
    static final class SyntaxError extends Exception {
        final int line;

        SyntaxError(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private final List<Duplicate> duplicates = new ArrayList<>();

    private YamlTree() {
    }

    static Result read(String text) throws SyntaxError {
        YamlTree t = new YamlTree();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken tok = p.nextToken();
            if (tok == null) {
                return new Result(null, List.of());
            }
            JsonNode root = t.value(p, "");
            return new Result(root, List.copyOf(t.duplicates));
        } catch (IOException e) {
            int line = 0;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
                line = jpe.getLocation().getLineNr();
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new SyntaxError(msg, line);
        }
    }

    private JsonNode value(JsonParser p, String path) throws IOException {
        JsonToken tok = p.currentToken();
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (tok) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int line = p.currentLocation().getLineNr();
                    p.nextToken();
                    String child = path.isEmpty() ? name : path + "." + name;
                    JsonNode v = value(p, child);
                    if (o.has(name)) {
                        duplicates.add(new Duplicate(child, line));
                    } else {
                        o.set(name, v);
                    }
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, path + "[" + i++ + "]"));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new IOException("unexpected YAML token " + tok);
        }
    }
}
