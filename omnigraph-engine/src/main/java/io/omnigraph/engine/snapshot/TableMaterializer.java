package io.omnigraph.engine.snapshot;

import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.segment.Segment;
import io.omnigraph.engine.segment.SegmentCodec;
import io.omnigraph.engine.segment.SegmentKind;
import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.Columns;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.RowKeySet;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Folds a table's ordered segments into the live rows: walking from the newest segment back, the first occurrence of
 * an id wins (a later data segment shadows earlier rows; a delete segment hides the id in everything older). Output
 * order: oldest segment first, rows in segment order. A table of one data segment is that segment's data (no copy).
 * Segments are fetched in parallel and both decoded segments and folded tables are cached in the shared
 * {@link DataCache}.
 */
public final class TableMaterializer implements TableLoader {
    private final SegmentSource source;
    private final DataCache cache;
    private final SegmentCodec codec;
    private final Executor executor;

    public TableMaterializer(SegmentSource source, DataCache cache, SegmentCodec codec, Executor executor) {
        this.source = source;
        this.cache = cache;
        this.codec = codec;
        this.executor = executor;
    }

    @Override
    public TableData load(TableSchema schema, TableState state) {
        List<SegmentRef> refs = state.segments();
        if (refs.isEmpty()) {
            return cache.get("empty:" + schema.tableKey() + ":" + schema.fingerprint(), () -> TableData.empty(schema));
        }
        if (refs.size() == 1 && refs.get(0).kind() == SegmentKind.DATA) {
            return segment(schema, refs.get(0)).data();
        }
        String key = "tbl:" + schema.tableKey() + ":" + state.contentHash() + ":" + schema.fingerprint();
        return cache.get(key, () -> fold(schema, segments(schema, refs)));
    }

    /**
     * Point lookup by id (see {@link TableLoader#lookup}): folds only the segments whose {@code id_filter} may hold one
     * of the ids (segments without a filter are always read) and keeps the rows of the requested ids. A segment that
     * holds none of the ids cannot affect them, so the newest-first fold over the remaining segments gives the same
     * rows for those ids as the fold of the whole table. Returns the whole table when it is cached, or when every
     * segment has to be read anyway (then it is folded once and cached like any table read).
     */
    @Override
    public TableData lookup(TableSchema schema, TableState state, java.util.Set<String> ids) {
        List<SegmentRef> refs = state.segments();
        if (refs.isEmpty()) {
            return load(schema, state);
        }
        if (refs.size() > 1) {
            TableData whole = cache.getIfPresent("tbl:" + schema.tableKey() + ":" + state.contentHash() + ":" + schema.fingerprint());
            if (whole != null) {
                return whole;
            }
        }
        if ((long) ids.size() * refs.size() > LOOKUP_BUDGET) {
            return load(schema, state); // many ids over many segments: the filter checks would cost more than a fold
        }
        List<SegmentRef> relevant = relevantSegments(refs, ids);
        if (relevant.size() == refs.size()) {
            return load(schema, state);
        }
        if (relevant.isEmpty()) {
            return TableData.empty(schema);
        }
        TableData folded = fold(schema, segments(schema, relevant));
        int[] rows = new int[Math.min(ids.size(), folded.rowCount())];
        int m = 0;
        for (String id : ids) {
            int r = folded.rowOf(id);
            if (r >= 0) {
                rows[m++] = r;
            }
        }
        if (m == folded.rowCount()) {
            return folded;
        }
        rows = Arrays.copyOf(rows, m);
        Arrays.sort(rows);
        return folded.select(rows);
    }

    /** Filter checks (ids × segments) beyond which a point lookup folds the whole table instead. */
    public static final long LOOKUP_BUDGET = 16_000_000;

    /** The segments (in order) whose id filter may hold at least one of {@code ids}; unfiltered ones always. */
    public static List<SegmentRef> relevantSegments(List<SegmentRef> refs, java.util.Collection<String> ids) {
        long[] hashes = io.omnigraph.engine.format.IdFilter.hashes(ids);
        List<SegmentRef> out = new ArrayList<>(refs.size());
        for (SegmentRef r : refs) {
            if (r.mayContainAny(hashes)) {
                out.add(r);
            }
        }
        return out;
    }

    /** One decoded segment under {@code schema} (cached). */
    public Segment segment(TableSchema schema, SegmentRef ref) {
        String key = "seg:" + ref.id() + ":" + (ref.kind() == SegmentKind.DELETE ? "ids" : schema.fingerprint());
        return cache.get(key, () -> codec.decode(Layout.segment(schema.tableKey(), ref.id()),
                source.fetch(schema.tableKey(), ref.id()), schema, executor));
    }

    /** The ids of a segment (data or delete), decoded without the other columns (cached). */
    public StringColumn segmentIds(TableSchema schema, SegmentRef ref) {
        if (ref.kind() == SegmentKind.DELETE) {
            return segment(schema, ref).ids();
        }
        Segment full = cache.getIfPresent("seg:" + ref.id() + ":" + schema.fingerprint());
        if (full != null) {
            return full.ids();
        }
        return cache.get("ids:" + ref.id(), () -> codec.decodeIds(Layout.segment(schema.tableKey(), ref.id()),
                source.fetch(schema.tableKey(), ref.id()), schema).ids());
    }

    /** Decodes many segments in parallel, in order. */
    public List<Segment> segments(TableSchema schema, List<SegmentRef> refs) {
        if (refs.size() == 1) {
            return List.of(segment(schema, refs.get(0)));
        }
        try (io.omnigraph.storage.Parallel.Batch batch = io.omnigraph.storage.Parallel.batch()) {
            List<CompletableFuture<Segment>> fs = new ArrayList<>();
            for (SegmentRef r : refs) {
                fs.add(CompletableFuture.supplyAsync(batch.lane(() -> segment(schema, r)), executor));
            }
            return joinAll(fs);
        }
    }

    /** Decodes the ids of many segments in parallel, in order. */
    public List<StringColumn> segmentIds(TableSchema schema, List<SegmentRef> refs) {
        try (io.omnigraph.storage.Parallel.Batch batch = io.omnigraph.storage.Parallel.batch()) {
            List<CompletableFuture<StringColumn>> fs = new ArrayList<>();
            for (SegmentRef r : refs) {
                fs.add(CompletableFuture.supplyAsync(batch.lane(() -> segmentIds(schema, r)), executor));
            }
            return joinAll(fs);
        }
    }

    static <T> List<T> joinAll(List<CompletableFuture<T>> fs) {
        try {
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
        List<T> out = new ArrayList<>(fs.size());
        for (CompletableFuture<T> f : fs) {
            out.add(f.join());
        }
        return out;
    }

    /** The fold described in the class comment. */
    public static TableData fold(TableSchema schema, List<Segment> segments) {
        int k = segments.size();
        long total = 0;
        List<StringColumn> idCols = new ArrayList<>(k);
        for (Segment s : segments) {
            idCols.add(s.ids());
            total += s.rowCount();
        }
        RowKeySet seen = new RowKeySet(idCols, (int) Math.min(Integer.MAX_VALUE / 4, total));
        int[][] live = new int[k][];
        long liveTotal = 0;
        for (int i = k - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            StringColumn ids = idCols.get(i);
            int n = s.rowCount();
            if (s.kind() == SegmentKind.DELETE) {
                for (int r = 0; r < n; r++) {
                    seen.add(i, r);
                }
                continue;
            }
            int[] rows = new int[n];
            int m = 0;
            for (int r = 0; r < n; r++) {
                if (seen.add(i, r)) {
                    rows[m++] = r;
                }
            }
            live[i] = m == n ? rows : Arrays.copyOf(rows, m);
            liveTotal += m;
        }
        if (liveTotal > Integer.MAX_VALUE - 16) {
            throw new EngineException.Invalid(io.omnigraph.engine.error.EngineErrorCode.INVALID_ARGUMENT, schema.tableKey(),
                    "table '" + schema.tableKey() + "' has more than 2^31 live rows");
        }
        List<TableData> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Segment s = segments.get(i);
            if (s.kind() == SegmentKind.DELETE || live[i].length == 0) {
                continue;
            }
            parts.add(live[i].length == s.rowCount() ? s.data() : s.data().select(live[i]));
        }
        if (parts.isEmpty()) {
            return TableData.empty(schema);
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < schema.columns().size(); c++) {
            List<Column> pieces = new ArrayList<>(parts.size());
            for (TableData p : parts) {
                pieces.add(p.column(c));
            }
            cols.add(Columns.concat(schema.columns().get(c).type(), pieces));
        }
        return TableData.ofDecoded(schema, (int) liveTotal, cols);
    }
}
