package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Body of {@code POST /graphs/{id}/query}: an inline read. Unknown fields are ignored (lenient, as the reference
 * server). {@code branch} and {@code snapshot} are mutually exclusive (checked by the route, 400).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryRequest(String query, Optional<String> name, Optional<JsonNode> params, Optional<String> branch,
                           Optional<String> snapshot) {
    public QueryRequest {
        if (query == null) {
            throw InvalidWireValueException.missing("query");
        }
        name = WireOptionals.clean(name);
        params = WireOptionals.cleanJson(params);
        branch = WireOptionals.clean(branch);
        snapshot = WireOptionals.clean(snapshot);
    }
}
