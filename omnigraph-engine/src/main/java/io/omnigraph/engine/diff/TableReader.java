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
 * with its row, a delete segment holding X answers "absent"), or — for long segment lists — by one fold of the whole
 * list (cached by the graph handle like any snapshot table). Decoded segments come from the handle's shared cache, so
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

    /** A lookup view of the table at the state made of {@code segments}. */
    public StateView view(List<SegmentRef> segments) {
        if (segments.size() > FOLD_THRESHOLD) {
            TableState synthetic = new TableState(schema.typeName(), schema.kind(), segments, 0);
            return new Folded(materializer.load(schema, synthetic));
        }
        return new Walk(List.copyOf(segments), null);
    }

    /** A view that walks {@code tail} (newest first) and answers from {@code under} for ids the tail does not name. */
    public StateView layered(List<SegmentRef> tail, StateView under) {
        return tail.isEmpty() ? under : new Walk(List.copyOf(tail), under);
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
        private final StateView under;

        Walk(List<SegmentRef> segments, StateView under) {
            this.segments = segments;
            this.under = under;
        }

        @Override
        public Optional<RowRef> find(String id) {
            return Optional.ofNullable(findOrNull(id));
        }

        @Override
        public RowRef findOrNull(String id) {
            for (int i = segments.size() - 1; i >= 0; i--) {
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
