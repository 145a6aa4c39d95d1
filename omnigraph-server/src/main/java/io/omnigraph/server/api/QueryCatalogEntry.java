package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored query in the catalog; in cluster mode {@code tool_name} equals {@code name}.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record QueryCatalogEntry(
        String name,
        @JsonProperty("tool_name") String toolName,
        Optional<String> description,
        Optional<String> instruction,
        boolean mutation,
        List<ParamDescriptor> params) {
    public QueryCatalogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(toolName, "tool_name");
        description = description == null ? Optional.empty() : description;
        instruction = instruction == null ? Optional.empty() : instruction;
        params = params == null ? List.of() : List.copyOf(params);
    }
}
