package io.omnigraph.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JSON codec of the wire DTOs. Decoding is strict about types (no number↔string or float→int coercion,
 * duplicate keys rejected, nothing after the value) and reports problems as {@link WireDecodingException} with a
 * message that names the field and never a Java type. Whether unknown fields are ignored is decided per DTO
 * ({@code @JsonIgnoreProperties}); the default is to reject them.
 */
public final class WireJson {
    private static final ObjectMapper MAPPER = build();

    private WireJson() {
    }

    /** The configured mapper (thread-safe; do not reconfigure). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises a DTO to UTF-8 JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serialises a DTO to a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes one JSON document into {@code type}.
     *
     * @throws WireDecodingException for malformed JSON or a value that does not fit the DTO
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new WireDecodingException("expected a JSON object, found null");
            }
            return value;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Decodes any JSON document (used for bodies that may legitimately be {@code null}). */
    public static JsonNode readTree(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new WireDecodingException("the body is empty; expected a JSON document");
            }
            return node;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Converts an already-parsed tree into {@code type} with the same error translation as {@link #read}. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            throw translate(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private static WireDecodingException translate(IOException e) {
        // our own validation failures, thrown from record constructors and enum creators
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidWireValueException invalid) {
                return new WireDecodingException(prefix(e) + invalid.getMessage());
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String allowed = known == null ? "" : known.stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ", " (allowed: ", ")"));
            return new WireDecodingException("unknown field '" + unknown.getPropertyName() + "'"
                    + where(pathOf(unknown, true)) + allowed);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage() != null
                && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return new WireDecodingException("malformed JSON" + location(mismatch)
                    + ": unexpected content after the JSON value");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = pathOf(mismatch, false);
            String expected = describe(mismatch.getTargetType());
            if (path.isEmpty()) {
                return new WireDecodingException("expected " + expected + " as the request body" + location(mismatch));
            }
            return new WireDecodingException("field '" + path + "' must be " + expected + location(mismatch));
        }
        if (e instanceof StreamReadException read) {
            String original = read.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field")) {
                return new WireDecodingException(original.replace('"', '\'').replaceFirst("Duplicate field", "duplicate field")
                        + location(read));
            }
            return new WireDecodingException("malformed JSON" + location(read) + ": " + firstLine(original));
        }
        if (e instanceof JsonMappingException mapping) {
            String path = pathOf(mapping, false);
            return new WireDecodingException("invalid value" + (path.isEmpty() ? "" : " for field '" + path + "'")
                    + location(mapping));
        }
        return new WireDecodingException("could not read the JSON body: " + firstLine(e.getMessage()));
    }

    private static String prefix(IOException e) {
        if (e instanceof JsonMappingException mapping) {
            String path = pathOf(mapping, false);
            // a failure in a record constructor is reported at the object's own path; a field-level one at the field
            if (!path.isEmpty()) {
                return "field '" + path + "': ";
            }
        }
        return "";
    }

    private static String pathOf(JsonMappingException e, boolean dropLast) {
        List<JsonMappingException.Reference> refs = e.getPath();
        int end = dropLast ? Math.max(0, refs.size() - 1) : refs.size();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < end; i++) {
            JsonMappingException.Reference ref = refs.get(i);
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : " in '" + path + "'";
    }

    private static String location(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String describe(Class<?> raw) {
        if (raw == null || raw == Optional.class) {
            return "a different JSON type";
        }
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "a boolean";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return "an array";
        }
        if (raw.isEnum()) {
            return "a string";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "a JSON object";
        }
        return "a different JSON type";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
        for (LogicalType target : new LogicalType[]{LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float, LogicalType.Enum}) {
            mapper.coercionConfigFor(target)
                    .setCoercion(CoercionInputShape.Integer, target == LogicalType.Integer || target == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, target == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, target == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, target == LogicalType.Textual || target == LogicalType.Enum
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, target == LogicalType.Textual || target == LogicalType.Enum
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        mapper.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
        return mapper;
    }
}
