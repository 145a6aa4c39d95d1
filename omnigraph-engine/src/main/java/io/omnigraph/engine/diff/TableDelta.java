package io.omnigraph.engine.diff;

import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.segment.Segment;
import io.omnigraph.engine.table.StringColumn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The row-level difference between two states of one table, computed from what the states do not share. Segments are
 * immutable, so two segment lists with a common prefix agree on every id that only the prefix names: the candidates
 * for a difference are the ids named by the two tails (the segments after the longest common prefix). On one chain of
 * appends that is "the segments appended since"; after a compaction (no common prefix) it degrades to a full
 * comparison. Every candidate is then checked with full-row logical equality, so rewrites of identical rows and
 * changes that were reverted (net zero) produce nothing.
 */
public final class TableDelta {
    private TableDelta() {
    }

    /** One differing id: {@code before}/{@code after} are null when the id is absent on that side. */
    public record Difference(String id, RowRef before, RowRef after) {
    }

    /** The prefix length two segment lists share. */
    public static int commonPrefix(List<SegmentRef> a, List<SegmentRef> b) {
        int n = Math.min(a.size(), b.size());
        int p = 0;
        while (p < n && a.get(p).id().equals(b.get(p).id())) {
            p++;
        }
        return p;
    }

    /** Views of the two states sharing the lookup of their common prefix. */
    public record Views(TableReader.StateView from, TableReader.StateView to, List<SegmentRef> fromTail,
                        List<SegmentRef> toTail) {
    }

    public static Views views(TableReader reader, List<SegmentRef> from, List<SegmentRef> to) {
        int p = commonPrefix(from, to);
        TableReader.StateView prefix = reader.view(from.subList(0, p));
        List<SegmentRef> fromTail = from.subList(p, from.size());
        List<SegmentRef> toTail = to.subList(p, to.size());
        TableReader.StateView f = p == from.size() ? prefix : layeredOrWhole(reader, from, fromTail, prefix);
        TableReader.StateView t = p == to.size() ? prefix : layeredOrWhole(reader, to, toTail, prefix);
        return new Views(f, t, List.copyOf(fromTail), List.copyOf(toTail));
    }

    private static TableReader.StateView layeredOrWhole(TableReader reader, List<SegmentRef> all, List<SegmentRef> tail,
                                                        TableReader.StateView prefix) {
        return tail.size() > TableReader.FOLD_THRESHOLD ? reader.view(all) : reader.layered(tail, prefix);
    }

    /** The distinct ids named by the given segments (data rows and delete entries), decoded in parallel. */
    public static Set<String> idsOf(TableReader reader, List<SegmentRef> segments) {
        Set<String> ids = new HashSet<>();
        for (Segment s : reader.segments(segments)) {
            StringColumn c = s.ids();
            for (int r = 0; r < c.size(); r++) {
                ids.add(c.getString(r));
            }
        }
        return ids;
    }

    /** The candidate ids: everything the two tails name. */
    public static Set<String> candidates(TableReader reader, Views views) {
        Set<String> ids = idsOf(reader, views.fromTail());
        ids.addAll(idsOf(reader, views.toTail()));
        return ids;
    }

    /** Every id whose row differs between the two states, sorted by id. */
    public static List<Difference> between(TableReader reader, List<SegmentRef> from, List<SegmentRef> to) {
        if (from.equals(to)) {
            return List.of();
        }
        Views v = views(reader, from, to);
        List<String> ids = new ArrayList<>(candidates(reader, v));
        ids.sort(null);
        reader.prefetch(List.of(v.from(), v.to()), ids);
        List<Difference> out = new ArrayList<>();
        for (String id : ids) {
            RowRef b = v.from().findOrNull(id);
            RowRef a = v.to().findOrNull(id);
            if (!RowRef.same(b, a)) {
                out.add(new Difference(id, b, a));
            }
        }
        return out;
    }
}
