package io.omnigraph.engine.snapshot;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.omnigraph.engine.segment.Segment;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * A size-bounded cache of decoded segments and materialized tables, keyed by immutable identities (segment id, table
 * state hash, schema fingerprint), shared by every branch and snapshot of one graph handle: branches that share
 * segments share memory. Concurrent requests for the same key load once.
 */
public final class DataCache {
    private final Cache<String, Object> cache;

    public DataCache(long maxBytes) {
        this.cache = CacheBuilder.newBuilder()
                .maximumWeight(Math.max(1, maxBytes))
                .weigher((String k, Object v) -> (int) Math.min(Integer.MAX_VALUE, 64 + 2L * k.length() + bytesOf(v)))
                .recordStats()
                .build();
    }

    private static long bytesOf(Object v) {
        return switch (v) {
            case TableData t -> t.estimatedBytes();
            case Segment s -> s.data().estimatedBytes();
            case StringColumn c -> c.estimatedBytes();
            default -> 64;
        };
    }

    /** The cached value or the loader's result (loaded once per key even under concurrency). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Callable<T> loader) {
        try {
            return (T) cache.get(key, loader);
        } catch (ExecutionException | UncheckedExecutionException | ExecutionError e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T getIfPresent(String key) {
        return (T) cache.getIfPresent(key);
    }

    public long entries() {
        return cache.size();
    }

    public void clear() {
        cache.invalidateAll();
    }
}
