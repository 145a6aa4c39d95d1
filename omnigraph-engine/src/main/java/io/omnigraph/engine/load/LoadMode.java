package io.omnigraph.engine.load;

import java.util.Locale;
import java.util.Optional;

/**
 * How a load treats existing entities (languages.md §3.3).
 * <ul>
 *   <li>{@link #OVERWRITE} — every type present in the file gets exactly the file's records; other types are
 *       untouched.</li>
 *   <li>{@link #APPEND} — strict insert: an id that exists already is a {@code key_conflict}.</li>
 *   <li>{@link #MERGE} — upsert by id; within one file the last record of an explicit id wins.</li>
 * </ul>
 */
public enum LoadMode {
    OVERWRITE, APPEND, MERGE;

    /** {@code overwrite} / {@code append} / {@code merge}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LoadMode> parse(String text) {
        for (LoadMode m : values()) {
            if (m.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
