package io.omnigraph.policy.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.omnigraph.policy.PolicyDiagnostic;
import io.omnigraph.policy.PolicyErrorCode;
import io.omnigraph.policy.PolicyValidationException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Strict YAML binding shared by bundle and test files: unknown keys, duplicate keys, scalar coercions
 * ({@code version: "1"}) and trailing documents are errors, each turned into a {@link PolicyDiagnostic} that names the
 * file, line, key path and — when the path is inside a list of rules or cases — the id of that entry.
 */
public final class StrictYaml {
    private static final ObjectMapper STRICT = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectMapper LENIENT = new YAMLMapper();

    private StrictYaml() {
    }

    /**
     * Binds {@code yaml} to {@code type}.
     *
     * @param listKey the top-level list whose entries carry an {@code id} (e.g. {@code rules}, {@code cases}); used
     *                to name the entry in diagnostics
     * @return the bound value, or empty when the document is empty
     */
    public static <T> Optional<T> read(String yaml, String file, Class<T> type, String listKey)
            throws PolicyValidationException {
        try {
            return Optional.ofNullable(STRICT.readValue(yaml, type));
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (msg.startsWith("No content to map")) {
                return Optional.empty();
            }
            if (msg.startsWith("Duplicate field")) {
                String field = msg.replaceFirst("(?s)^Duplicate field '([^']*)'.*$", "$1");
                throw fail(file, yaml, listKey, e, PolicyErrorCode.DUPLICATE_KEY,
                        "duplicate key '" + field + "' (each key may appear once)");
            }
            Optional<org.yaml.snakeyaml.error.MarkedYAMLException> yamlError = yamlCause(e);
            if (yamlError.isPresent()) {
                var y = yamlError.get();
                String what = (y.getContext() == null ? "" : y.getContext() + ": ")
                        + (y.getProblem() == null ? firstLine(y.getMessage()) : y.getProblem());
                Optional<Integer> line = y.getProblemMark() == null ? Optional.empty()
                        : Optional.of(y.getProblemMark().getLine() + 1);
                throw new PolicyValidationException(List.of(new PolicyDiagnostic(file, Optional.empty(), "", line,
                        "not valid YAML: " + what, PolicyErrorCode.YAML_SYNTAX)));
            }
            if (e instanceof UnrecognizedPropertyException u) {
                String key = u.getPropertyName();
                String hint = switch (key) {
                    case "deny", "effect", "forbid" -> "; rules are allow-only: list what is allowed under `allow:`";
                    default -> "";
                };
                throw fail(file, yaml, listKey, e, PolicyErrorCode.UNKNOWN_KEY,
                        "unknown key '" + key + "' (allowed keys: " + known(u.getKnownPropertyIds()) + ")" + hint);
            }
            if (e instanceof MismatchedInputException m) {
                throw fail(file, yaml, listKey, e, PolicyErrorCode.WRONG_TYPE,
                        "expected " + describe(m.getTargetType()) + mismatchDetail(m));
            }
            if (e instanceof JsonMappingException) {
                throw fail(file, yaml, listKey, e, PolicyErrorCode.WRONG_TYPE, firstLine(msg));
            }
            throw fail(file, yaml, listKey, e, PolicyErrorCode.YAML_SYNTAX, "not valid YAML: " + firstLine(msg));
        }
    }

    private static PolicyValidationException fail(String file, String yaml, String listKey, JsonProcessingException e,
                                                  PolicyErrorCode code, String message) {
        String path = "";
        Optional<String> id = Optional.empty();
        Optional<Integer> line = Optional.empty();
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            path = renderPath(jme.getPath());
            id = entryId(yaml, listKey, jme.getPath());
            line = lineOf(yaml, jme.getPath());
        } else if (e.getProcessor() instanceof JsonParser p) {
            path = parserPath(p);
        }
        if (line.isEmpty()) {
            JsonLocation loc = e.getLocation();
            line = loc == null || loc.getLineNr() <= 0 ? Optional.empty() : Optional.of(loc.getLineNr());
        }
        return new PolicyValidationException(List.of(new PolicyDiagnostic(file, id, path, line, message, code)));
    }

    private static Optional<org.yaml.snakeyaml.error.MarkedYAMLException> yamlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The line where the key (or list element) named by {@code refs} starts, found by re-reading the tokens. */
    private static Optional<Integer> lineOf(String yaml, List<JsonMappingException.Reference> refs) {
        StringBuilder target = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            target.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        String want = target.toString();
        try (JsonParser p = LENIENT.getFactory().createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.getParsingContext().pathAsPointer().toString().equals(want)) {
                    int l = p.currentTokenLocation().getLineNr();
                    return l > 0 ? Optional.of(l) : Optional.empty();
                }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // best effort: fall back to the exception's own location
        }
        return Optional.empty();
    }

    /** {@code rules[1].allow.branch_scope}. */
    static String renderPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String parserPath(JsonParser p) {
        List<String> parts = new ArrayList<>();
        var ctx = p.getParsingContext();
        while (ctx != null && !ctx.inRoot()) {
            if (ctx.inArray()) {
                parts.addFirst("[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            } else if (ctx.getCurrentName() != null) {
                parts.addFirst("." + ctx.getCurrentName());
            }
            ctx = ctx.getParent();
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    /** Best effort: the {@code id} of {@code listKey[i]} when the failing path is inside it. */
    private static Optional<String> entryId(String yaml, String listKey, List<JsonMappingException.Reference> refs) {
        if (refs.size() < 2 || !listKey.equals(refs.get(0).getFieldName()) || refs.get(1).getIndex() < 0) {
            return Optional.empty();
        }
        try {
            JsonNode id = LENIENT.readTree(yaml).path(listKey).path(refs.get(1).getIndex()).path("id");
            return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "none";
        }
        return ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> t) {
        if (t == null) {
            return "a different value";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "a mapping";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        return "a " + t.getSimpleName();
    }

    private static String mismatchDetail(MismatchedInputException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "";
        }
        if (m.contains("from String value")) {
            return " (got a string)";
        }
        if (m.contains("START_ARRAY") || m.contains("from Array value")) {
            return " (got a list)";
        }
        if (m.contains("START_OBJECT") || m.contains("from Object value")) {
            return " (got a mapping)";
        }
        if (m.contains("Trailing token")) {
            return " (the file holds more than one YAML document)";
        }
        return "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
