package io.omnigraph.engine.embed;

import java.util.List;

/**
 * Turns texts into vectors (engine.md §5.5). One embedder serves a graph: query-time embedding of String
 * {@code nearest} queries and filling {@code @embed} properties on load and mutation.
 *
 * <p>Contract: {@link #embed} returns exactly one vector per text, in input order, each of {@code dimension} finite
 * floats, L2-normalised (length 1 ± 1e-4), never all zero; anything else is an {@code embedding_failed} error. Calls
 * may block on the network (batched, retried with backoff, bounded by a deadline) — callers must never hold a lock
 * other writers wait on while calling. Implementations are thread-safe and deterministic where the provider is.
 */
public interface Embedder {

    /** The provider kind ({@code mock}, {@code openai-compatible}, {@code openai}, {@code gemini}). */
    String provider();

    /** The model identifier; compared exactly with a property's {@code @embed(…, model="…")}. */
    String model();

    /**
     * Embeds texts.
     *
     * @param dimension the target {@code Vector(N)} width, sent to the provider as the output dimension
     * @param task      whether the texts are documents (stored) or a query (search)
     * @throws io.omnigraph.engine.error.EngineException.Invalid with code {@code embedding_failed}
     */
    List<float[]> embed(List<String> texts, int dimension, EmbedTask task);

    /** What a text is embedded for (Gemini's task types; ignored by other providers). */
    enum EmbedTask {
        DOCUMENT("RETRIEVAL_DOCUMENT"),
        QUERY("RETRIEVAL_QUERY");

        private final String geminiTaskType;

        EmbedTask(String geminiTaskType) {
            this.geminiTaskType = geminiTaskType;
        }

        public String geminiTaskType() {
            return geminiTaskType;
        }
    }
}
