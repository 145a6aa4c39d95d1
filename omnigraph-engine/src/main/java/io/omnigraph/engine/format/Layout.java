package io.omnigraph.engine.format;

import java.util.Optional;

/** Object keys of a graph root (see docs/storage-format.md, "Layout"). */
public final class Layout {
    public static final String STAMP = "graph.json";
    public static final String REFS_PREFIX = "refs/branches/";
    public static final String COMMITS_PREFIX = "commits/";
    public static final String SCHEMAS_PREFIX = "schemas/";
    public static final String SEGMENTS_PREFIX = "segments/";

    private Layout() {
    }

    public static String ref(String branch) {
        return REFS_PREFIX + branch + ".json";
    }

    /** The branch name of a ref key, or empty when the key is not a ref. */
    public static Optional<String> branchOfRefKey(String key) {
        if (!key.startsWith(REFS_PREFIX) || !key.endsWith(".json") || key.length() <= REFS_PREFIX.length() + 5) {
            return Optional.empty();
        }
        return Optional.of(key.substring(REFS_PREFIX.length(), key.length() - 5));
    }

    public static String commit(String id) {
        return COMMITS_PREFIX + id + ".json";
    }

    /** {@code digest} is {@code sha256:<hex>}; the key uses the hex. */
    public static String schema(String digest) {
        return SCHEMAS_PREFIX + hexOf(digest) + ".json";
    }

    public static String segment(String tableKey, String segmentId) {
        return SEGMENTS_PREFIX + tableKey + "/" + segmentId + ".parquet";
    }

    static String hexOf(String digest) {
        return digest.startsWith("sha256:") ? digest.substring(7) : digest;
    }
}
