package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code GET /graphs/{id}/snapshot}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SnapshotOutput(
        @JsonProperty("graph_branch") String graphBranch,
        @JsonProperty("graph_manifest_version") long graphManifestVersion,
        @JsonProperty("internal_schema_version") int internalSchemaVersion,
        List<SnapshotDatasetOutput> datasets) {
    public SnapshotOutput {
        Objects.requireNonNull(graphBranch, "graph_branch");
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }
}
