package io.omnigraph.engine.search;

import io.omnigraph.compiler.catalog.EntityType;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.index.IndexLocation;
import io.omnigraph.engine.query.GraphSource;
import io.omnigraph.engine.query.IndexMode;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.VectorColumn;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Finds the search index of a column for a query: the handle's {@link IndexCache} (keyed by table identity, so
 * branches and commits sharing a table state share it), else a persisted index of the longest covered segment prefix
 * ({@link IndexFiles}), else a new one built from the table. Text indexes are built synchronously on first use
 * (tokenizing is cheap). Vector (HNSW) indexes are built synchronously in {@link IndexMode#INDEX}; in
 * {@link IndexMode#AUTO} a missing one is built in the background while queries answer exactly by brute force.
 * {@link IndexMode#SCAN} never uses an index.
 */
public final class SearchIndexes {
    /** Tables below this many rows never get a background HNSW build in AUTO (brute force is fast enough). */
    static final int BACKGROUND_MIN_ROWS = Integer.getInteger("omnigraph.search.hnsw_min_rows", 2048);
    private static final ExecutorService BUILDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "omnigraph-hnsw-build");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private static final Map<String, Future<?>> INFLIGHT = new ConcurrentHashMap<>();

    private SearchIndexes() {
    }

    /** A text index with its coverage of the queried table. */
    record TextView(TextIndex index, Coverage coverage) implements IndexCache.Sized {
        @Override
        public long estimatedBytes() {
            return index.estimatedBytes() + coverage.estimatedBytes();
        }
    }

    /** A vector index with its coverage of the queried table. */
    record VectorView(VectorIndex index, Coverage coverage) implements IndexCache.Sized {
        @Override
        public long estimatedBytes() {
            return index.estimatedBytes() + coverage.estimatedBytes();
        }
    }

    private record Maybe(Optional<Object> value) implements IndexCache.Sized {
        @Override
        public long estimatedBytes() {
            return value.map(v -> ((IndexCache.Sized) v).estimatedBytes()).orElse(64L);
        }
    }

    static Optional<TextView> text(GraphSource g, EntityType type, PropertyDef p, IndexMode mode) {
        if (mode == IndexMode.SCAN) {
            return Optional.empty();
        }
        String identity = g.tableIdentity(type);
        String key = "search-text|" + identity + "|p" + p.propertyId();
        return Optional.of(g.indexes().derived(key, () -> {
            TableData table = g.table(type);
            StringColumn col = (StringColumn) g.column(type, p);
            Optional<TextView> persisted = g.indexLocation(type)
                    .flatMap(loc -> IndexFiles.find(loc, p.propertyId(), IndexFiles.Kind.TEXT)
                            .flatMap(k -> IndexFiles.load(loc.store(), k, IndexFiles.Kind.TEXT, p.propertyId(), TextIndex::read)))
                    .map(idx -> new TextView(idx, Coverage.matched(idx.ids, idx.hashes, table,
                            r -> RowHashes.text(col, r), r -> true)));
            return persisted.orElseGet(() -> {
                TextIndex idx = TextIndex.build(col, table.ids());
                int[] rows = new int[table.rowCount()];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = r;
                }
                return new TextView(idx, Coverage.exact(rows, rows.length, r -> true));
            });
        }));
    }

    static Optional<VectorView> vector(GraphSource g, EntityType type, PropertyDef p, IndexMode mode) {
        if (mode == IndexMode.SCAN) {
            return Optional.empty();
        }
        IndexCache cache = g.indexes();
        String identity = g.tableIdentity(type);
        String key = "search-hnsw|" + identity + "|p" + p.propertyId();
        Optional<VectorView> ready = cache.peek(key);
        if (ready.isPresent()) {
            return ready;
        }
        TableData table = g.table(type);
        VectorColumn col = (VectorColumn) g.column(type, p);
        Maybe persisted = cache.derived("search-hnsw-persisted|" + identity + "|p" + p.propertyId(), () -> new Maybe(
                g.indexLocation(type).flatMap(loc -> IndexFiles.find(loc, p.propertyId(), IndexFiles.Kind.HNSW)
                        .flatMap(k -> IndexFiles.load(loc.store(), k, IndexFiles.Kind.HNSW, p.propertyId(), VectorIndex::read)))
                        .filter(idx -> idx.dim == col.dim())
                        .map(idx -> new VectorView(idx, Coverage.matched(idx.ids, idx.hashes, table,
                                r -> RowHashes.vector(col, r), r -> !col.isNull(r))))));
        if (persisted.value().isPresent()) {
            VectorView v = (VectorView) persisted.value().get();
            cache.put(key, v);
            return Optional.of(v);
        }
        if (mode == IndexMode.INDEX) {
            return Optional.of(cache.derived(key, () -> buildVector(table, col)));
        }
        if (table.rowCount() >= BACKGROUND_MIN_ROWS) {
            String flight = System.identityHashCode(cache) + "|" + key;
            INFLIGHT.computeIfPresent(flight, (k, f) -> f.isDone() ? null : f);
            INFLIGHT.computeIfAbsent(flight, f -> BUILDER.submit(() -> {
                try {
                    cache.put(key, buildVector(table, col));
                } finally {
                    INFLIGHT.remove(flight);
                }
            }));
        }
        return Optional.empty();
    }

    static VectorView buildVector(TableData table, VectorColumn col) {
        VectorIndex idx = VectorIndex.build(col, table.ids());
        return new VectorView(idx, Coverage.exact(idx.builtRows, table.rowCount(), r -> !col.isNull(r)));
    }

    /** Waits until every background index build has finished (tests, benchmarks). */
    public static void awaitBackgroundBuilds(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            INFLIGHT.values().removeIf(Future::isDone);
            if (INFLIGHT.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new InterruptedException("background index builds still running");
            }
            Thread.sleep(10);
        }
    }
}
