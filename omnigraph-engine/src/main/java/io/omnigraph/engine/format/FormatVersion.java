package io.omnigraph.engine.format;

/**
 * The storage format this build reads and writes. A graph root is served only when its {@code graph.json} carries
 * exactly this version (older: rebuild via export/import; newer: upgrade omnigraph). Bump on any change an older
 * reader would misread; additive JSON fields that old readers may ignore do not need a bump.
 */
public final class FormatVersion {
    public static final int CURRENT = 1;
    /** The {@code format} field of {@code graph.json}. */
    public static final String FORMAT_NAME = "omnigraph-graph";

    private FormatVersion() {
    }
}
