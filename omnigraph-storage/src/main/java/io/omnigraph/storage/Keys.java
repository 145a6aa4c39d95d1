package io.omnigraph.storage;

import java.nio.charset.StandardCharsets;

/**
 * Key validation shared by every backend, so a key means the same thing everywhere.
 *
 * <p>A valid key is relative and '/'-separated; it has no empty, {@code "."} or {@code ".."} segment, no backslash or
 * control character, at most {@value #MAX_KEY_BYTES} UTF-8 bytes in total and at most {@value #MAX_SEGMENT_BYTES}
 * per segment (the limits of S3 and of common local file systems). Segments starting with {@value #RESERVED_PREFIX}
 * are reserved for the backends' own bookkeeping (the local backend's scratch directory and lock files) and are
 * refused on every backend, so the same keys work everywhere.
 */
public final class Keys {
    /** Longest key, in UTF-8 bytes (S3's limit). */
    public static final int MAX_KEY_BYTES = 1024;
    /** Longest segment, in UTF-8 bytes (the usual file-name limit). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Segment prefix reserved for backend bookkeeping. */
    public static final String RESERVED_PREFIX = ".omnigraph-";

    private Keys() {
    }

    /** Returns the key when valid; throws {@link StoreException.Configuration} with code INVALID_KEY otherwise. */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid(String.valueOf(key), "key is empty");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw invalid(key, "key must not start or end with '/'");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw invalid(key, "key contains a control character or backslash");
            }
            if (Character.isSurrogate(c) && !validSurrogateAt(key, i)) {
                throw invalid(key, "key contains an unpaired UTF-16 surrogate");
            }
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(key, "key is longer than " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(key, "key has an empty, '.' or '..' segment");
            }
            if (segment.startsWith(RESERVED_PREFIX)) {
                throw invalid(key, "segment '" + segment + "' starts with the reserved prefix '" + RESERVED_PREFIX + "'");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw invalid(key, "a segment is longer than " + MAX_SEGMENT_BYTES + " UTF-8 bytes");
            }
        }
        return key;
    }

    /**
     * Validates a listing prefix: empty, or a key-like string that may end with '/'. Listing is by plain string
     * prefix: {@code "refs/br"} matches {@code "refs/branches/main"}.
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (trimmed.isEmpty()) {
            throw invalid(prefix, "a listing prefix must not start with '/'");
        }
        check(trimmed);
        return prefix;
    }

    /** Normalises a scope prefix ("graphs/a.omni" or "graphs/a.omni/") to "graphs/a.omni/"; "" stays "". */
    public static String checkScope(String scope) {
        if (scope == null || scope.isEmpty()) {
            return "";
        }
        String trimmed = scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
        check(trimmed);
        return trimmed + "/";
    }

    /** Joins segments with '/', skipping empty ones. */
    public static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isEmpty()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The key with control characters and unpaired surrogates escaped (backslash-u, 4 hex digits), for messages. */
    public static String printable(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !validSurrogateAt(key, i))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static StoreException invalid(String key, String why) {
        return new StoreException.Configuration(StorageErrorCode.INVALID_KEY, key,
                "invalid object key '" + printable(key) + "': " + why + " (keys are relative '/'-separated paths such as"
                        + " 'refs/branches/main.json')", null);
    }
}
