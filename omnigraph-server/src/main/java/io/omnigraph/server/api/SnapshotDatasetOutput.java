package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * One backing dataset of a snapshot.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SnapshotDatasetOutput(
        @JsonProperty("type_name") String typeName,
        @JsonProperty("entity_kind") EntityKind entityKind,
        @JsonProperty("dataset_path") String datasetPath,
        @JsonProperty("published_dataset_version") long publishedDatasetVersion,
        @JsonProperty("entity_count") long entityCount,
        @JsonProperty("native_dataset_branch") Optional<String> nativeDatasetBranch) {
    public SnapshotDatasetOutput {
        Objects.requireNonNull(typeName, "type_name");
        Objects.requireNonNull(entityKind, "entity_kind");
        Objects.requireNonNull(datasetPath, "dataset_path");
        nativeDatasetBranch = nativeDatasetBranch == null ? Optional.empty() : nativeDatasetBranch;
    }
}
