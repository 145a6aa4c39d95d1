package io.omnigraph.engine.diff;

import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.segment.Segment;
import io.omnigraph.engine.segment.SegmentKind;
import io.omnigraph.engine.snapshot.TableMaterializer;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads rows of one table by id for history operations (merge, diffs, change feed) without folding whole tables
 * when the question is about a few ids. A table state is an ordered segment list; {@link #view(List)} answers
 * "which row does id X have at this state" by walking the segments newest first (a data segment holding X answers
 * with its row, a delete segment holding X answers "absent"; segments whose id filter excludes X are skipped
 * unread), or — for long lists of unfiltered segments — by one fold of the whole list (cached by the graph handle like
 * any snapshot table). {@link #prefetch} decodes the segments a set of lookups will need in one parallel batch. Decoded segments come from the handle's shared cache, so
 * segments already read by queries cost no store requests. One reader serves one operation; it counts what it did.
 */
public final class TableReader {
    /** Segment lists longer than this are folded once instead of walked per id. */
    static final int FOLD_THRESHOLD = 24;

    private final TableMaterializer materializer;
    private final TableSchema schema;
    private final Map<String, Segment> decoded = new HashMap<>();
    private long segmentsDecoded;

    public TableReader(TableMaterializer materializer, TableSchema schema) {
        this.materializer = materializer;
        this.schema = schema;
    }

    public TableSchema schema() {
        return schema;
    }

    /** Number of distinct segments this reader asked for (each at most one store read, none when cached). */
    public long segmentsDecoded() {
        return segmentsDecoded;
    }

    /** One decoded segment (data rows, or the ids of a delete segment). */
    public Segment segment(SegmentRef ref) {
        Segment s = decoded.get(ref.id());
        if (s == null) {
            s = materializer.segment(schema, ref);
            decoded.put(ref.id(), s);
            segmentsDecoded++;
        }
        return s;
    }

    /** Decodes segments in parallel (warming this reader), in order. */
    public List<Segment> segments(List<SegmentRef> refs) {
        List<SegmentRef> missing = new ArrayList<>();
        for (SegmentRef r : refs) {
            if (!decoded.containsKey(r.id())) {
                missing.add(r);
            }
        }
        if (missing.size() > 1) {
            List<Segment> got = materializer.segments(schema, missing);
            for (int i = 0; i < missing.size(); i++) {
                decoded.put(missing.get(i).id(), got.get(i));
                segmentsDecoded++;
            }
        }
        List<Segment> out = new ArrayList<>(refs.size());
        for (SegmentRef r : refs) {
            out.add(segment(r));
        }
        return out;
    }

    /**
     * A lookup view of the table at the state made of {@code segments}: a newest-first walk that skips segments whose
     * {@code id_filter} excludes the id, or — when more than {@link #FOLD_THRESHOLD} segments carry no filter — one
     * fold of the whole list (cached by the graph handle like any snapshot table).
     */
    public StateView view(List<SegmentRef> segments) {
        int unfiltered = 0;
        for (SegmentRef r : segments) {
            if (r.filter().isEmpty()) {
                unfiltered++;
            }
        }
        if (unfiltered > FOLD_THRESHOLD) {
            return new Folded(fold(segments));
        }
        return new Walk(List.copyOf(segments), null);
    }

    private TableData fold(List<SegmentRef> segments) {
        TableState synthetic = new TableState(schema.typeName(), schema.kind(), segments, 0);
        return materializer.load(schema, synthetic);
    }

    /** A view that walks {@code tail} (newest first) and answers from {@code under} for ids the tail does not name. */
    public StateView layered(List<SegmentRef> tail, StateView under) {
        return tail.isEmpty() ? under : new Walk(List.copyOf(tail), under);
    }

    /** Filter checks per prefetch beyond which a long walk folds its segment list once instead. */
    static final long WALK_BUDGET = 4_000_000;

    /**
     * Prepares {@code views} for lookups of {@code ids}: every segment of the walks that may hold one of the ids (by
     * its id filter; unfiltered segments always) is decoded now, all in parallel (one round trip on a cold handle),
     * instead of one by one during the walks. A long walk asked about many ids folds its list instead.
     */
    public void prefetch(List<StateView> views, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        long[] hashes = null;
        java.util.LinkedHashMap<String, SegmentRef> wanted = new java.util.LinkedHashMap<>();
        for (StateView v : views) {
            StateView cur = v;
            while (cur instanceof Walk w) {
                if (w.folded == null && w.under == null && w.segments.size() > FOLD_THRESHOLD
                        && (long) ids.size() * w.segments.size() > WALK_BUDGET) {
                    w.folded = fold(w.segments);
                    break;
                }
                if (w.folded != null) {
                    break;
                }
                if (hashes == null) {
                    hashes = io.omnigraph.engine.format.IdFilter.hashes(ids);
                }
                for (SegmentRef r : w.segments) {
                    if (!decoded.containsKey(r.id()) && r.mayContainAny(hashes)) {
                        wanted.putIfAbsent(r.id(), r);
                    }
                }
                cur = w.under;
            }
        }
        segments(new ArrayList<>(wanted.values()));
    }

    /** Row lookups at one table state. */
    public sealed interface StateView permits Folded, Walk {
        /** The row of {@code id} at this state, or empty when the id is absent. */
        Optional<RowRef> find(String id);

        /** Like {@link #find} but null when absent (hot paths). */
        RowRef findOrNull(String id);
    }

    private static final class Folded implements StateView {
        private final TableData table;

        Folded(TableData table) {
            this.table = table;
        }

        @Override
        public Optional<RowRef> find(String id) {
            return Optional.ofNullable(findOrNull(id));
        }

        @Override
        public RowRef findOrNull(String id) {
            int r = table.rowOf(id);
            return r < 0 ? null : new RowRef(table, r);
        }
    }

    private final class Walk implements StateView {
        private final List<SegmentRef> segments;
        private final io.omnigraph.engine.format.IdFilter[] filters;
        private final boolean anyFilter;
        private final StateView under;
        private TableData folded;

        Walk(List<SegmentRef> segments, StateView under) {
            this.segments = segments;
            this.under = under;
            this.filters = new io.omnigraph.engine.format.IdFilter[segments.size()];
            boolean any = false;
            for (int i = 0; i < filters.length; i++) {
                filters[i] = segments.get(i).filter().orElse(null);
                any |= filters[i] != null;
            }
            this.anyFilter = any;
        }

        @Override
        public Optional<RowRef> find(String id) {
            return Optional.ofNullable(findOrNull(id));
        }

        @Override
        public RowRef findOrNull(String id) {
            if (folded != null) {
                int r = folded.rowOf(id);
                return r < 0 ? null : new RowRef(folded, r);
            }
            long[] h = anyFilter ? io.omnigraph.engine.format.IdFilter.hash(id) : null;
            for (int i = segments.size() - 1; i >= 0; i--) {
                if (filters[i] != null && !filters[i].mayContain(h[0], h[1])) {
                    continue; // the segment certainly does not hold the id
                }
                SegmentRef ref = segments.get(i);
                Segment s = segment(ref);
                int r = s.data().rowOf(id);
                if (r >= 0) {
                    return ref.kind() == SegmentKind.DELETE ? null : new RowRef(s.data(), r);
                }
            }
            return under == null ? null : under.findOrNull(id);
        }
    }
}
