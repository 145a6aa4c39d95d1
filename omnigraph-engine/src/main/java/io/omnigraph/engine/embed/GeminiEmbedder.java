package io.omnigraph.engine.embed;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gemini}: one text → {@code POST {base}/models/{model}:embedContent}; several →
 * {@code :batchEmbedContents}; key in {@code x-goog-api-key}; task type {@code RETRIEVAL_DOCUMENT} or
 * {@code RETRIEVAL_QUERY}; {@code outputDimensionality} = the property's width.
 */
final class GeminiEmbedder extends HttpEmbedder {
    private final String key;
    private final String modelPath;

    GeminiEmbedder(EmbeddingConfig config, String key) {
        super(config);
        this.key = key;
        this.modelPath = model.startsWith("models/") ? model : "models/" + model;
    }

    @Override
    Call request(List<String> batch, int dimension, EmbedTask task) {
        Map<String, String> headers = Map.of("x-goog-api-key", key);
        if (batch.size() == 1) {
            return new Call(URI.create(baseUrl + "/" + modelPath + ":embedContent"), headers,
                    bytes(content(batch.get(0), dimension, task, false)));
        }
        List<Object> requests = new ArrayList<>();
        for (String text : batch) {
            requests.add(content(text, dimension, task, true));
        }
        return new Call(URI.create(baseUrl + "/" + modelPath + ":batchEmbedContents"), headers,
                bytes(Map.of("requests", requests)));
    }

    private Map<String, Object> content(String text, int dimension, EmbedTask task, boolean named) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (named) {
            m.put("model", modelPath);
        }
        m.put("content", Map.of("parts", List.of(Map.of("text", text))));
        m.put("taskType", task.geminiTaskType());
        m.put("outputDimensionality", dimension);
        return m;
    }

    @Override
    List<float[]> parse(JsonNode response, int expected) {
        List<float[]> out = new ArrayList<>();
        if (response.has("embedding")) {
            out.add(floats(response.get("embedding").get("values")));
            return out;
        }
        JsonNode list = response.get("embeddings");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("no 'embedding' or 'embeddings'");
        }
        for (JsonNode e : list) {
            out.add(floats(e.get("values")));
        }
        return out;
    }
}
