package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/export}. Strict: the wire schema forbids additional properties, so an unknown
 * field is a 400. An empty {@code type_names} exports every type.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExportRequest(Optional<String> branch, @JsonProperty("type_names") List<String> typeNames) {
    public ExportRequest {
        branch = WireOptionals.clean(branch);
        typeNames = WireOptionals.cleanList(typeNames, "type_names");
    }
}
