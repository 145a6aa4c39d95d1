package io.omnigraph.engine.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.engine.error.EngineException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Common machinery of the HTTP providers ({@code java.net.http}): texts split into batches of
 * {@link EmbedTuning#batchSize()}, each request bounded by {@link EmbedTuning#requestTimeout()}, retried on connection
 * errors, timeouts, 408, 429 and 5xx up to {@link EmbedTuning#retries()} times with exponential backoff starting at
 * {@link EmbedTuning#backoff()} (a {@code Retry-After} in seconds is honoured), and the whole call bounded by
 * {@link EmbedTuning#deadline()}. Other statuses fail at once. Errors never include the API key.
 */
abstract class HttpEmbedder implements Embedder {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SNIPPET = 300;

    final EmbeddingConfig config;
    final String baseUrl;
    final String model;
    private final HttpClient client;

    HttpEmbedder(EmbeddingConfig config) {
        this.config = config;
        this.baseUrl = config.effectiveBaseUrl();
        this.model = config.effectiveModel();
        this.client = HttpClient.newBuilder().connectTimeout(config.tuning().requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String provider() {
        return config.kind().wire();
    }

    @Override
    public String model() {
        return model;
    }

    /** One provider request for a batch: URI, headers and JSON body. */
    record Call(URI uri, Map<String, String> headers, byte[] body) {
    }

    abstract Call request(List<String> batch, int dimension, EmbedTask task);

    /** The vectors of a successful response, in batch order (validated by the caller). */
    abstract List<float[]> parse(JsonNode response, int expected);

    @Override
    public List<float[]> embed(List<String> texts, int dimension, EmbedTask task) {
        long deadline = System.nanoTime() + config.tuning().deadline().toNanos();
        List<float[]> out = new ArrayList<>(texts.size());
        int batch = config.tuning().batchSize();
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
            List<float[]> vectors = send(request(part, dimension, task), part.size(), deadline);
            for (int i = 0; i < vectors.size(); i++) {
                out.add(Vectors.normalized(vectors.get(i), dimension, provider(), from + i));
            }
        }
        return out;
    }

    private List<float[]> send(Call call, int expected, long deadline) {
        EmbedTuning t = config.tuning();
        String last = "no attempt";
        for (int attempt = 0; attempt <= t.retries(); attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw Vectors.failed(provider(), "did not answer within the " + t.deadline().toMillis() + " ms deadline ("
                        + last + "); raise OMNIGRAPH_EMBED_DEADLINE_MS or check the endpoint " + baseUrl);
            }
            Duration timeout = Duration.ofNanos(Math.min(t.requestTimeout().toNanos(), remaining));
            HttpRequest.Builder rb = HttpRequest.newBuilder(call.uri()).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
            call.headers().forEach(rb::header);
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = r.statusCode();
                if (status / 100 == 2) {
                    JsonNode body;
                    try {
                        body = JSON.readTree(r.body());
                    } catch (IOException e) {
                        throw Vectors.failed(provider(), "returned a response that is not JSON: " + snippet(r.body()));
                    }
                    List<float[]> vectors;
                    try {
                        vectors = parse(body, expected);
                    } catch (RuntimeException e) {
                        if (e instanceof EngineException ee) {
                            throw ee;
                        }
                        throw Vectors.failed(provider(), "returned an unexpected response (" + e.getMessage() + "): "
                                + snippet(r.body()));
                    }
                    if (vectors.size() != expected) {
                        throw Vectors.failed(provider(), "returned " + vectors.size() + " vectors for " + expected + " texts");
                    }
                    return vectors;
                }
                last = "HTTP " + status + ": " + snippet(r.body());
                if (!(status == 408 || status == 429 || status >= 500)) {
                    String hint = status == 401 || status == 403 ? "; check the API key (" + config.apiKey().orElse("")
                            + ") and its permissions" : status == 404 ? "; check base_url (" + baseUrl + ") and model ("
                            + model + ")" : "";
                    throw Vectors.failed(provider(), "refused the request with " + last + hint);
                }
                retryAfter = r.headers().firstValue("Retry-After").flatMap(HttpEmbedder::seconds);
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Vectors.failed(provider(), "call was interrupted");
            }
            if (attempt == t.retries()) {
                break;
            }
            long sleep = t.backoff().toMillis() << Math.min(attempt, 16);
            if (retryAfter.isPresent()) {
                sleep = Math.max(sleep, retryAfter.get().toMillis());
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (sleep >= left) {
                throw Vectors.failed(provider(), "did not succeed before the " + t.deadline().toMillis() + " ms deadline ("
                        + last + ")");
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Vectors.failed(provider(), "call was interrupted");
            }
        }
        throw Vectors.failed(provider(), "failed after " + (t.retries() + 1) + " attempts (" + last + ") at " + baseUrl);
    }

    private static Optional<Duration> seconds(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return s.length() > BODY_SNIPPET ? s.substring(0, BODY_SNIPPET) + "…" : s;
    }

    static float[] floats(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("vector is not an array");
        }
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = array.get(i);
            if (!x.isNumber()) {
                throw new IllegalArgumentException("vector element " + i + " is not a number");
            }
            v[i] = (float) x.doubleValue();
        }
        return v;
    }

    static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
