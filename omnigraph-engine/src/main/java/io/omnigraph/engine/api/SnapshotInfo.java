package io.omnigraph.engine.api;

import java.util.List;

/**
 * The head snapshot of a branch (wire {@code SnapshotOutput}): its commit, graph manifest version, the storage format
 * version ({@code internal_schema_version}) and per-type entity counts (nodes then edges, each in name order).
 */
public record SnapshotInfo(String graphBranch, String graphCommitId, long graphManifestVersion, int internalSchemaVersion,
                           List<DatasetInfo> datasets) {
    public SnapshotInfo {
        datasets = List.copyOf(datasets);
    }
}
