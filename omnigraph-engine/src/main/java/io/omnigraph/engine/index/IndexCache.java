package io.omnigraph.engine.index;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.TableData;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Lazily built, size-bounded cache of derived read structures — {@link TopologyIndex}es and scalar indexes — keyed by
 * the immutable identities of the tables they are built from (table key + segment-list hash + schema fingerprint, see
 * {@code TableIdentity}). Keys never name a snapshot or a branch, so branches and commits that share a table state
 * share its indexes. Concurrent requests for one key build once. Thread-safe; one instance per graph handle.
 */
public final class IndexCache {
    private final Cache<String, Object> cache;
    private final AtomicLong topologyBuilds = new AtomicLong();
    private final AtomicLong scalarBuilds = new AtomicLong();
    private final AtomicLong topologyBuildNanos = new AtomicLong();

    public IndexCache(long maxBytes) {
        this.cache = CacheBuilder.newBuilder()
                .maximumWeight(Math.max(1, maxBytes))
                .weigher((String k, Object v) -> (int) Math.min(Integer.MAX_VALUE, 64 + 2L * k.length() + bytesOf(v)))
                .build();
    }

    /** A cache with room for a few hundred MiB of indexes. */
    public static IndexCache defaults() {
        return new IndexCache(512L << 20);
    }

    private static long bytesOf(Object v) {
        return switch (v) {
            case TopologyIndex t -> t.estimatedBytes();
            case HashIndex h -> h.estimatedBytes();
            case SortedIndex s -> s.estimatedBytes();
            case Sized s -> s.estimatedBytes();
            default -> 64;
        };
    }

    /**
     * The topology of an edge table between its endpoint tables, each named by its identity.
     */
    public TopologyIndex topology(String edgeIdentity, String fromIdentity, String toIdentity, Supplier<TableData> edges,
                                  Supplier<TableData> from, Supplier<TableData> to) {
        String key = "topo|" + edgeIdentity + "|" + fromIdentity + "|" + toIdentity;
        return get(key, () -> {
            TableData f = from.get();
            TableData t = fromIdentity.equals(toIdentity) ? f : to.get();
            TopologyIndex idx = TopologyIndex.build(edges.get(), f, t);
            topologyBuilds.incrementAndGet();
            topologyBuildNanos.addAndGet(idx.buildNanos());
            return idx;
        });
    }

    /** The equality index of one column of a table state. */
    public HashIndex hash(String tableIdentity, String column, Supplier<Column> data) {
        return get("hash|" + tableIdentity + "|" + column, () -> {
            scalarBuilds.incrementAndGet();
            return HashIndex.build(data.get());
        });
    }

    /** The range index of one column of a table state. */
    public SortedIndex sorted(String tableIdentity, String column, Supplier<Column> data) {
        return get("sorted|" + tableIdentity + "|" + column, () -> {
            scalarBuilds.incrementAndGet();
            return SortedIndex.build(data.get());
        });
    }

    /** A cached structure that reports its memory (search indexes); unsized values count 64 bytes. */
    public interface Sized {
        long estimatedBytes();
    }

    /**
     * A derived structure of another feature (e.g. search indexes) under {@code key}, built once by {@code loader}
     * when absent. Keys must start with the feature's own prefix and name the table identities they derive from.
     */
    public <T> T derived(String key, Supplier<T> loader) {
        return get(key, loader::get);
    }

    /** The cached value of {@code key}, if present (never builds). */
    @SuppressWarnings("unchecked")
    public <T> java.util.Optional<T> peek(String key) {
        return java.util.Optional.ofNullable((T) cache.getIfPresent(key));
    }

    /** Caches a value built elsewhere (e.g. by a background build). */
    public void put(String key, Object value) {
        cache.put(key, value);
    }

    /** How many topology indexes were built (not served from cache) so far. */
    public long topologyBuilds() {
        return topologyBuilds.get();
    }

    /** Total wall time spent building topology indexes. */
    public long topologyBuildNanos() {
        return topologyBuildNanos.get();
    }

    /** How many scalar (hash or sorted) indexes were built so far. */
    public long scalarBuilds() {
        return scalarBuilds.get();
    }

    public void clear() {
        cache.invalidateAll();
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String key, java.util.concurrent.Callable<T> loader) {
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
}
