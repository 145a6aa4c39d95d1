package io.omnigraph.engine.index;

import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.storage.ObjectStore;

import java.util.List;
import java.util.Objects;

/**
 * Where derived indexes of one table state may be persisted ({@code indexes/<tableKey>/…} in the graph root, written
 * by {@code optimize}): the graph's store, the table key and the state's ordered segment list (an index built for a
 * prefix of that list can serve the state partially).
 */
public record IndexLocation(ObjectStore store, String tableKey, List<SegmentRef> segments) {
    public IndexLocation {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(tableKey, "tableKey");
        segments = List.copyOf(segments);
    }
}
