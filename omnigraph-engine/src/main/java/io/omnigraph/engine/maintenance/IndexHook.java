package io.omnigraph.engine.maintenance;

import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.snapshot.Snapshot;

import java.util.List;
import java.util.Map;

/**
 * Where {@code optimize} will build persisted indexes ({@code indexes/…}, engine.md §6.1) once the index work lands:
 * called with the snapshot optimize started from and the draft it is about to publish, it may add derived objects to
 * the same commit and reports, per table key, the indexes it could not build. The default does nothing — today the
 * engine's indexes are built in memory when a snapshot is first queried, so nothing is pending.
 */
@FunctionalInterface
public interface IndexHook {
    IndexHook NONE = (store, snapshot, draft) -> Map.of();

    /** @return pending indexes per table key (absent key = nothing pending) */
    Map<String, List<TableOptimizeStats.PendingIndex>> reconcile(GraphStore store, Snapshot snapshot, CommitDraft.Builder draft);
}
