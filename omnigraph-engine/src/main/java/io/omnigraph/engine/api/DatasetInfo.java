package io.omnigraph.engine.api;

/**
 * One node or edge table of a snapshot (wire {@code SnapshotDatasetOutput}).
 *
 * @param entityKind              {@code node} or {@code edge}
 * @param datasetPath             where its segments live, relative to the graph root ({@code segments/<tableKey>})
 * @param publishedDatasetVersion 1 when the table appeared, + 1 for every commit that changed it
 * @param entityCount             live entities
 */
public record DatasetInfo(String typeName, String entityKind, String tableKey, String datasetPath,
                          long publishedDatasetVersion, long entityCount, int segmentCount) {
}
