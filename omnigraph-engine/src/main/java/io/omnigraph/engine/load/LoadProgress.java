package io.omnigraph.engine.load;

/**
 * Progress of a load, for progress bars. Called from the loading thread: {@link #parsed} every few thousand lines and
 * once at the end of the input, {@link #phase} when the load moves on (validating, writing, publishing).
 */
public interface LoadProgress {
    LoadProgress NONE = new LoadProgress() {
    };

    /** {@code lines} read so far (blank lines included), {@code bytes} consumed so far. */
    default void parsed(long lines, long bytes) {
    }

    /** {@code validate}, {@code write} (encode + upload), {@code publish}. */
    default void phase(String phase) {
    }
}
