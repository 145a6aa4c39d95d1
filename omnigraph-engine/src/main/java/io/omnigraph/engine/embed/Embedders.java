package io.omnigraph.engine.embed;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/** Builds {@link Embedder}s from configurations, resolving {@code ${NAME}} keys from an environment. */
public final class Embedders {
    private Embedders() {
    }

    /**
     * The embedder of a configuration. {@code OMNIGRAPH_EMBEDDINGS_MOCK} in {@code env} forces the mock provider
     * (keeping the configured model name, so {@code @embed(model=…)} checks still pass). A provider that needs a key
     * fails here, not at first use, when the key is absent or its variable is unset or blank.
     *
     * @throws EngineException.Invalid {@code embedding_config_invalid}, naming the missing variable
     */
    public static Embedder create(EmbeddingConfig config, Map<String, String> env) {
        return create(config, name -> Optional.ofNullable(env.get(name)));
    }

    /** {@link #create(EmbeddingConfig, Map)} with the environment as a lookup function (e.g. a server's {@code Env}). */
    public static Embedder create(EmbeddingConfig config, Function<String, Optional<String>> env) {
        if (config.kind() == EmbeddingKind.MOCK || EmbeddingConfig.mockForced(name -> env.apply(name).orElse(null))) {
            return new MockEmbedder(config.model().orElse(EmbeddingKind.MOCK.defaultModel()));
        }
        String variable = config.apiKey().map(EmbeddingConfig::keyVariable).orElseThrow(() -> new EngineException.Invalid(
                EngineErrorCode.EMBEDDING_CONFIG_INVALID, "api_key", "embedding provider " + config.kind().wire()
                + " needs an api_key: ${NAME} naming the environment variable that holds the key"));
        String key = env.apply(variable).filter(s -> !s.isBlank()).orElseThrow(() ->
                new EngineException.Invalid(EngineErrorCode.EMBEDDING_CONFIG_INVALID, variable, "environment variable "
                        + variable + " (the api_key of the " + config.kind().wire() + " embedding provider) is not set; "
                        + "export it before starting, or set " + EmbeddingConfig.MOCK_ENV + "=1 for offline mock embeddings"));
        return switch (config.kind()) {
            case OPENAI_COMPATIBLE, OPENAI -> new OpenAiEmbedder(config, key);
            case GEMINI -> new GeminiEmbedder(config, key);
            case MOCK -> throw new IllegalStateException("unreachable");
        };
    }

    /** The embedder for embedded (CLI) use: the mock provider when {@code OMNIGRAPH_EMBEDDINGS_MOCK} is set, else none. */
    public static Optional<Embedder> fromEnvironment(Map<String, String> env) {
        return EmbeddingConfig.mockForced(env) ? Optional.of(new MockEmbedder(EmbeddingKind.MOCK.defaultModel())) : Optional.empty();
    }
}
