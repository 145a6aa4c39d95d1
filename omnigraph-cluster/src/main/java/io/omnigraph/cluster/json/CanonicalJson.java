package io.omnigraph.cluster.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The byte-deterministic JSON of the control plane. Callers build {@link ObjectNode}s in the spec's field order and
 * with map keys already sorted (use {@link java.util.TreeMap} iteration); this class only guarantees the exact
 * rendering: 2-space indentation, {@code "key": value}, LF line ends, no platform line separator, and the
 * control-plane trailing newline. The same tree always yields the same bytes on every run and platform.
 */
public final class CanonicalJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        PRETTY = new DefaultPrettyPrinter(seps).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    private CanonicalJson() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Pretty JSON (2-space) without trailing newline. */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pretty JSON plus the trailing {@code \n} (state, sidecars, approvals). */
    /** Puts {@code v} under {@code field}, or an explicit JSON {@code null} when absent (the ledger formats list every key). */
    public static void putOrNull(ObjectNode o, String field, java.util.Optional<String> v) {
        if (v.isPresent()) {
            o.put(field, v.get());
        } else {
            o.putNull(field);
        }
    }

    public static byte[] fileBytes(JsonNode node) {
        return (pretty(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Compact JSON (no spaces), used inside digests. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The state CAS token: {@code sha256:<hex>} of the exact bytes. */
    public static String casToken(byte[] bytes) {
        return "sha256:" + sha256Hex(bytes);
    }
}
