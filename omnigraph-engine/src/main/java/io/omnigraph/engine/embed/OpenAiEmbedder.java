package io.omnigraph.engine.embed;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code openai-compatible} (OpenRouter by default) and {@code openai}: {@code POST {base}/embeddings} with a bearer
 * key and {@code {"model", "input": [texts], "dimensions": N}}; the response's {@code data[].embedding} are ordered by
 * {@code data[].index}.
 */
final class OpenAiEmbedder extends HttpEmbedder {
    private final String key;

    OpenAiEmbedder(EmbeddingConfig config, String key) {
        super(config);
        this.key = key;
    }

    @Override
    Call request(List<String> batch, int dimension, EmbedTask task) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("input", batch);
        body.put("dimensions", dimension);
        return new Call(URI.create(baseUrl + "/embeddings"), Map.of("Authorization", "Bearer " + key), bytes(body));
    }

    @Override
    List<float[]> parse(JsonNode response, int expected) {
        JsonNode data = response.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("no 'data' array");
        }
        float[][] out = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.has("index") ? item.get("index").asInt(-1) : i;
            if (index < 0 || index >= out.length || out[index] != null) {
                throw new IllegalArgumentException("bad or repeated index " + index);
            }
            out[index] = floats(item.get("embedding"));
        }
        return new ArrayList<>(List.of(out));
    }
}
