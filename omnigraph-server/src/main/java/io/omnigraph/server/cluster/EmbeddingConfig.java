package io.omnigraph.server.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.server.config.Env;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A graph's query-time embedding provider, resolved at boot from the ledger's profile (cluster-server spec §1.4):
 * defaults per kind, {@code base_url} without trailing {@code /}, and {@code api_key: ${NAME}} read from the server's
 * environment. The key is never logged or rendered ({@link #toString()} masks it).
 */
public record EmbeddingConfig(String provider, String kind, String baseUrl, String model, Optional<String> apiKey) {
    private static final Pattern REF = Pattern.compile("^\\$\\{([^}]+)}$");

    public EmbeddingConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? Optional.empty() : apiKey;
    }

    /** The profile cannot be resolved in this environment; the graph is quarantined. */
    public static final class Unresolvable extends Exception {
        private static final long serialVersionUID = 1L;

        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Resolves a ledger profile {@code {kind, base_url?, model?, api_key?}} of provider address {@code provider}.
     *
     * @throws Unresolvable when {@code api_key} names an unset (or blank) environment variable
     */
    public static EmbeddingConfig resolve(String provider, ObjectNode profile, Env env) throws Unresolvable {
        String kind = profile.path("kind").asText("openai-compatible");
        String baseUrl = profile.path("base_url").asText(switch (kind) {
            case "openai" -> "https://api.openai.com/v1";
            case "gemini" -> "https://generativelanguage.googleapis.com/v1beta";
            case "mock" -> "mock://";
            default -> "https://openrouter.ai/api/v1";
        });
        while (baseUrl.endsWith("/") && !baseUrl.endsWith("://")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        String model = profile.path("model").asText(switch (kind) {
            case "openai" -> "text-embedding-3-large";
            case "gemini" -> "gemini-embedding-2";
            case "mock" -> "mock";
            default -> "openai/text-embedding-3-large";
        });
        Optional<String> key = Optional.empty();
        if (profile.hasNonNull("api_key")) {
            String ref = profile.get("api_key").asText();
            Matcher m = REF.matcher(ref.trim());
            if (!m.matches()) {
                throw new Unresolvable("embedding provider `" + provider + "` has an api_key that is not a `${NAME}`"
                        + " reference; fix cluster.yaml and run `omnigraph cluster apply`");
            }
            String name = m.group(1).trim();
            Optional<String> value = env.get(name);
            if (value.isEmpty()) {
                throw new Unresolvable("embedding provider `" + provider + "` needs the environment variable " + name
                        + " (api_key: ${" + name + "}), which is not set in the server's environment; set it and restart"
                        + " (or reload)");
            }
            key = value;
        }
        return new EmbeddingConfig(provider, kind, baseUrl, model, key);
    }

    @Override
    public String toString() {
        return "EmbeddingConfig[provider=" + provider + ", kind=" + kind + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (apiKey.isPresent() ? "<set>" : "<none>") + "]";
    }
}
