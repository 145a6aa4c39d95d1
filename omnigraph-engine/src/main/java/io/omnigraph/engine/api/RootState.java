package io.omnigraph.engine.api;

/** What a storage root holds, as seen by {@link OmniGraph#probe}. Never thrown for a broken root: that is a state. */
public sealed interface RootState {
    /** Nothing stored under the root. */
    record Empty() implements RootState {
    }

    /** A readable graph. */
    record Present(GraphInfo info) implements RootState {
    }

    /** Objects that are not a readable graph of this format (torn init, other data, newer format, corruption). */
    record Broken(String reason) implements RootState {
    }
}
