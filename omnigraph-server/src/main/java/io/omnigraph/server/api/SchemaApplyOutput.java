package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * Body of a successful schema apply (unreachable in cluster-backed serving, which answers 409).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SchemaApplyOutput(
        String uri,
        boolean supported,
        boolean applied,
        @JsonProperty("step_count") long stepCount,
        @JsonProperty("graph_manifest_version") long graphManifestVersion,
        List<JsonNode> steps) {
    public SchemaApplyOutput {
        Objects.requireNonNull(uri, "uri");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
