package io.omnigraph.engine.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Embedding provider kinds of {@code providers.embedding.<name>.kind} (cluster-server.md §1.4) with their defaults. */
public enum EmbeddingKind {
    OPENAI_COMPATIBLE("openai-compatible", "https://openrouter.ai/api/v1", "openai/text-embedding-3-large", true),
    OPENAI("openai", "https://api.openai.com/v1", "text-embedding-3-large", true),
    GEMINI("gemini", "https://generativelanguage.googleapis.com/v1beta", "gemini-embedding-2", true),
    MOCK("mock", "", "mock-embedding", false);

    private final String wire;
    private final String defaultBaseUrl;
    private final String defaultModel;
    private final boolean needsKey;

    EmbeddingKind(String wire, String defaultBaseUrl, String defaultModel, boolean needsKey) {
        this.wire = wire;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultModel = defaultModel;
        this.needsKey = needsKey;
    }

    public String wire() {
        return wire;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** True when the provider needs an API key. */
    public boolean needsKey() {
        return needsKey;
    }

    /** The kind named {@code text} (case-insensitive). */
    public static Optional<EmbeddingKind> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wire.equals(t)).findFirst();
    }
}
