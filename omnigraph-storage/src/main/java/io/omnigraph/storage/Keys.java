package io.omnigraph.storage;

/** Key validation shared by every backend, so a key means the same thing everywhere. */
public final class Keys {
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
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(key, "key has an empty, '.' or '..' segment");
            }
        }
        return key;
    }

    /** Validates a listing prefix: empty, or a key-like string (may end with '/'). */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty()) {
            check(trimmed);
        }
        return prefix;
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

    private static StoreException invalid(String key, String why) {
        return new StoreException.Configuration(StorageErrorCode.INVALID_KEY, key, "invalid object key '" + key + "': " + why, null);
    }
}
