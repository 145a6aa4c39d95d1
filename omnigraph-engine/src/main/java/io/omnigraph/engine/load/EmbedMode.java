package io.omnigraph.engine.load;

/**
 * Whether a load computes {@code @embed} properties (docs/search.md §6): {@link #AUTO} (default) fills every
 * {@code @embed} target a record leaves absent or null while giving its source text, with the graph's embedding
 * provider; without a provider it behaves like {@link #OFF}. {@link #OFF} computes nothing: nullable targets stay
 * NULL, a missing non-nullable target is an {@code embedding_not_configured} error.
 */
public enum EmbedMode {
    AUTO, OFF
}
