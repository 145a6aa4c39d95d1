package io.omnigraph.engine.search;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.omnigraph.engine.embed.Embedder;

import java.util.List;

/** A small cache of query-text embeddings (provider, model, width, text) so repeated searches do not call out again. */
final class QueryEmbeddings {
    private final Cache<String, float[]> cache;

    QueryEmbeddings(int size) {
        this.cache = CacheBuilder.newBuilder().maximumSize(size).build();
    }

    float[] get(Embedder e, String text, int dim) {
        String key = e.provider() + "\u0000" + e.model() + "\u0000" + dim + "\u0000" + System.identityHashCode(e) + "\u0000" + text;
        float[] v = cache.getIfPresent(key);
        if (v == null) {
            v = e.embed(List.of(text), dim, Embedder.EmbedTask.QUERY).get(0);
            cache.put(key, v);
        }
        return v;
    }
}
