package io.omnigraph.engine.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.PhysicalType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic JSON for format objects: snake_case names, record component order, map entries and JSON-node fields
 * sorted by key, absent optionals omitted, compact output plus one trailing newline. The same object always encodes to
 * the same bytes, which makes schema objects content-addressable. Unknown fields are ignored on read (additive
 * evolution within one format version).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("omnigraph-format")
                    .addSerializer(PhysicalType.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(PhysicalType value, JsonGenerator gen, SerializerProvider p) throws IOException {
                            gen.writeString(value.text());
                        }
                    })
                    .addDeserializer(PhysicalType.class, new JsonDeserializer<>() {
                        @Override
                        public PhysicalType deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            try {
                                return PhysicalType.parse(p.getValueAsString());
                            } catch (IllegalArgumentException e) {
                                throw ctx.weirdStringException(p.getValueAsString(), PhysicalType.class, e.getMessage());
                            }
                        }
                    }))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object value) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(value);
            byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
            out[body.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a format object; any parse failure becomes {@link EngineException.Corrupt} naming the key. */
    public static <T> T decode(String key, byte[] bytes, Class<T> type) {
        try {
            T v = MAPPER.readValue(bytes, type);
            if (v == null) {
                throw new EngineException.Corrupt(key, "empty JSON document", null);
            }
            return v;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new EngineException.Corrupt(key, "not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
