package io.omnigraph.engine.embed;

import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider-independent embedding configuration (engine.md §5.5, cluster-server.md §1.4): the provider kind, optional
 * base URL and model overrides (defaults per {@link EmbeddingKind}), the API key as a reference {@code ${NAME}} to an
 * environment variable (never an inline secret), and the network tuning. {@link Embedders#create} resolves it.
 *
 * @param apiKey the unresolved reference, exactly {@code ${NAME}}
 */
public record EmbeddingConfig(EmbeddingKind kind, Optional<String> baseUrl, Optional<String> model,
                              Optional<String> apiKey, EmbedTuning tuning) {
    private static final Pattern KEY_REF = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    /** Forces the mock provider whatever the configuration says (tests, demos, offline runs). */
    public static final String MOCK_ENV = "OMNIGRAPH_EMBEDDINGS_MOCK";

    public EmbeddingConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(tuning, "tuning");
        apiKey.ifPresent(EmbeddingConfig::keyVariable);
    }

    /** The deterministic offline provider. */
    public static EmbeddingConfig mock() {
        return new EmbeddingConfig(EmbeddingKind.MOCK, Optional.empty(), Optional.empty(), Optional.empty(), EmbedTuning.defaults());
    }

    /**
     * A configuration from the fields of a {@code providers.embedding.<name>} profile. {@code kind} absent means
     * {@code openai-compatible}; an unknown kind or an API key that is not {@code ${NAME}} is
     * {@code embedding_config_invalid}.
     */
    public static EmbeddingConfig fromProfile(Optional<String> kind, Optional<String> baseUrl, Optional<String> model,
                                              Optional<String> apiKey, EmbedTuning tuning) {
        EmbeddingKind k = kind.map(t -> EmbeddingKind.parse(t).orElseThrow(() -> new EngineException.Invalid(
                EngineErrorCode.EMBEDDING_CONFIG_INVALID, "kind", "unknown embedding provider kind '" + t
                + "'; use openai-compatible, openai, gemini or mock"))).orElse(EmbeddingKind.OPENAI_COMPATIBLE);
        return new EmbeddingConfig(k, baseUrl.map(u -> u.replaceAll("/+$", "")), model, apiKey, tuning);
    }

    /** The environment variable an {@code ${NAME}} reference names. */
    public static String keyVariable(String reference) {
        Matcher m = KEY_REF.matcher(reference.trim());
        if (!m.matches()) {
            throw new EngineException.Invalid(EngineErrorCode.EMBEDDING_CONFIG_INVALID, "api_key", "api_key must be a "
                    + "reference to an environment variable written ${NAME}, not an inline value");
        }
        return m.group(1);
    }

    public String effectiveBaseUrl() {
        return baseUrl.orElse(kind.defaultBaseUrl()).replaceAll("/+$", "");
    }

    public String effectiveModel() {
        return model.orElse(kind.defaultModel());
    }

    /** True when {@code env} forces the mock provider ({@value #MOCK_ENV} set to anything but {@code 0}/{@code false}/empty). */
    public static boolean mockForced(Map<String, String> env) {
        return mockForced(env::get);
    }

    /** {@link #mockForced(Map)} with the environment as a lookup ({@code null} when unset). */
    public static boolean mockForced(java.util.function.UnaryOperator<String> env) {
        String v = env.apply(MOCK_ENV);
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    public EmbeddingConfig withTuning(EmbedTuning t) {
        return new EmbeddingConfig(kind, baseUrl, model, apiKey, t);
    }
}
