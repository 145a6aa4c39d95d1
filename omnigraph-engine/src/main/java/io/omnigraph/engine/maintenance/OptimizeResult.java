package io.omnigraph.engine.maintenance;

import io.omnigraph.engine.api.CommitInfo;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@code optimize}: per-table stats and the one commit it published (empty when nothing needed
 * compaction — optimize then publishes nothing).
 */
public record OptimizeResult(String branch, List<TableOptimizeStats> datasets, Optional<CommitInfo> commit) {
    public OptimizeResult {
        datasets = List.copyOf(datasets);
    }

    public long tablesCompacted() {
        return datasets.stream().filter(TableOptimizeStats::committed).count();
    }
}
