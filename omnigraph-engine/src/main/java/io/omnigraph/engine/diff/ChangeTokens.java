package io.omnigraph.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.FormatVersion;
import io.omnigraph.engine.format.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque cursors and page tokens of the change surfaces: {@code og1.<base64url payload>.<base64url checksum>} where
 * the payload is compact JSON naming what the token is bound to and the checksum is the first 12 bytes of
 * SHA-256 over a domain tag and the payload. Tokens are not secret (they only carry ids); the checksum catches
 * truncation and editing. A token that fails to parse, fails its checksum, is of another kind, another format
 * version or another scope is rejected with {@code change cursor rejected: …} (HTTP 400).
 */
public final class ChangeTokens {
    /** Tokens never exceed this many characters (openapi: ≤ 4 KiB). */
    public static final int MAX_LENGTH = 4096;
    /** Ids longer than this many UTF-8 bytes are stored as a 64-byte prefix plus a SHA-256. */
    public static final int MAX_INLINE_ID_BYTES = 256;
    private static final String PREFIX = "og1.";
    private static final byte[] DOMAIN = "omnigraph change token v1\0".getBytes(StandardCharsets.UTF_8);

    private ChangeTokens() {
    }

    /** A new payload of a token kind ({@code cursor}, {@code feed_page}, {@code commit_page}). */
    public static ObjectNode payload(String kind) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("k", kind);
        n.put("fv", FormatVersion.CURRENT);
        return n;
    }

    public static String encode(ObjectNode payload) {
        byte[] body = Json.encode(payload);
        if (body[body.length - 1] == '\n') {
            body = Arrays.copyOf(body, body.length - 1);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = PREFIX + b64.encodeToString(body) + "." + b64.encodeToString(checksum(body));
        if (token.length() > MAX_LENGTH) {
            throw new IllegalStateException("change token longer than " + MAX_LENGTH + " characters");
        }
        return token;
    }

    /**
     * Decodes and verifies a token of {@code kind}.
     *
     * @param what "cursor" or "page token", for messages
     */
    public static ObjectNode decode(String token, String kind, String what) {
        if (token == null || token.isEmpty()) {
            throw rejected(what + " is empty");
        }
        if (token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            throw rejected("not a " + what + " issued by this server (malformed)");
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            throw rejected(what + " is truncated");
        }
        byte[] body;
        byte[] sum;
        try {
            body = Base64.getUrlDecoder().decode(rest.substring(0, dot));
            sum = Base64.getUrlDecoder().decode(rest.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw rejected(what + " is malformed (not base64url)");
        }
        if (!MessageDigest.isEqual(sum, checksum(body))) {
            throw rejected(what + " checksum does not match (truncated or edited)");
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw rejected(what + " is malformed");
        }
        if (!(n instanceof ObjectNode o) || !kind.equals(o.path("k").asText())) {
            throw rejected("this is not a " + what + (n != null && n.has("k") ? " (it is a " + n.get("k").asText().replace('_', ' ') + ")" : ""));
        }
        if (o.path("fv").asInt(-1) != FormatVersion.CURRENT) {
            throw rejected(what + " was issued for storage format " + o.path("fv").asInt(-1) + "; this build serves "
                    + FormatVersion.CURRENT);
        }
        return o;
    }

    /** Requires {@code payload.field == expected}, else rejects naming {@code meaning}. */
    public static void expect(ObjectNode payload, String field, String expected, String meaning) {
        String got = payload.path(field).asText(null);
        if (!expected.equals(got)) {
            throw rejected(meaning);
        }
    }

    public static String text(ObjectNode payload, String field, String what) {
        JsonNode v = payload.get(field);
        if (v == null || !v.isTextual()) {
            throw rejected(what + " is malformed (missing " + field + ")");
        }
        return v.asText();
    }

    public static EngineException.Invalid rejected(String reason) {
        return new EngineException.Invalid(EngineErrorCode.CHANGE_CURSOR_REJECTED, "cursor", "change cursor rejected: " + reason);
    }

    /** An entity id as stored in a token: verbatim up to 256 UTF-8 bytes, else 64-byte prefix + "#" + SHA-256 hex. */
    public static String encodeId(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_INLINE_ID_BYTES) {
            return id;
        }
        String prefix = new String(Arrays.copyOf(utf8, 64), StandardCharsets.UTF_8);
        return prefix + "#" + Json.sha256Hex(utf8);
    }

    private static byte[] checksum(byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(DOMAIN);
            md.update(body);
            return Arrays.copyOf(md.digest(), 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
