package io.omnigraph.engine.embed;

import io.omnigraph.engine.text.TextAnalysis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic offline provider ({@code kind: mock}, or forced by {@code OMNIGRAPH_EMBEDDINGS_MOCK}): a hashed
 * bag of words. Each token of the search analyzer (lower-cased, stemmed, stop words removed) adds ±1 at two hashed
 * positions, and each of its character trigrams ±0.25 at one, then the vector is L2-normalised. Texts that share words
 * (or word stems, or spellings) land near each other, which is all tests and the demo need; the same text always gives
 * the same vector on every machine. A text with no tokens hashes its raw characters instead (never all zero).
 */
public final class MockEmbedder implements Embedder {
    private final String model;

    public MockEmbedder(String model) {
        this.model = model;
    }

    public MockEmbedder() {
        this(EmbeddingKind.MOCK.defaultModel());
    }

    @Override
    public String provider() {
        return EmbeddingKind.MOCK.wire();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<float[]> embed(List<String> texts, int dimension, EmbedTask task) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(Vectors.normalized(vector(texts.get(i), dimension), dimension, provider(), i));
        }
        return out;
    }

    /** The unnormalised vector of one text. */
    static float[] vector(String text, int dim) {
        float[] v = new float[dim];
        List<String> tokens = TextAnalysis.tokens(text == null ? "" : text);
        if (tokens.isEmpty()) {
            tokens = List.of("\u0000" + (text == null ? "" : text));
        }
        for (String t : tokens) {
            long h = hash(t);
            add(v, h, 1f);
            add(v, h >>> 32, 1f);
            String padded = "^" + t + "$";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                add(v, hash("#" + padded.substring(i, i + 3)), 0.25f);
            }
        }
        boolean zero = true;
        for (float x : v) {
            zero &= x == 0f;
        }
        if (zero) {
            v[(int) Long.remainderUnsigned(hash(text == null ? "" : text), dim)] = 1f;
        }
        return v;
    }

    private static void add(float[] v, long h, float w) {
        int idx = (int) Long.remainderUnsigned(h >>> 1, v.length);
        v[idx] += (h & 1) == 0 ? w : -w;
    }

    /** 64-bit FNV-1a over UTF-8, then a murmur finaliser. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
